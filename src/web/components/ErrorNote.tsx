/**
 * Shows an API error the way users need it: a title in their words (errorTitle), the message naming the
 * field in their words (field-words), and the code in small text for support.
 */
import { Alert, Text } from "@mantine/core";
import { ApiError } from "../api";
import { errorTitle } from "./error-title";
import { inUserWords } from "./field-words";
import { localTimesIn } from "./format";

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error));
  return (
    <Alert color="red" variant="light" className="error-note" role="alert" title={errorTitle(e)}>
      {localTimesIn(inUserWords(e.message, e.field))}
      <Text size="xs" c="dimmed" className="error-code">
        Code for support: {e.code}
      </Text>
    </Alert>
  );
}
