/**
 * The foot of every step form: the submit button (busy while the server answers), what was done, and the
 * server's refusal below it — one place, so every form reads the same and the done message keeps its
 * accessible green.
 */
import { Button, Group, Text } from "@mantine/core";
import { ErrorNote } from "./ErrorNote";

export function SubmitRow({
  button,
  busy,
  done,
  error,
}: { button: string; busy: boolean; done: string; error: unknown }) {
  return (
    <>
      <Group gap="sm">
        <Button type="submit" loading={busy}>
          {button}
        </Button>
        {done && (
          <Text size="sm" className="ok">
            {done}
          </Text>
        )}
      </Group>
      <ErrorNote error={error} />
    </>
  );
}
