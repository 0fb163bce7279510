/** Shows an API error the way users need it: the code, and the message naming the field in the user's words. */
import { Alert } from "@mantine/core";
import { ApiError } from "../api";
import { inUserWords } from "./field-words";

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error));
  return (
    <Alert color="red" variant="light" className="error-note" role="alert" title={e.code}>
      {inUserWords(e.message, e.field)}
    </Alert>
  );
}
