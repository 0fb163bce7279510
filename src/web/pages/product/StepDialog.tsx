/**
 * A product step in a dialog: a button opens a Mantine modal (focus kept inside, Escape closes) holding the
 * step's form; the server checks the rules and its refusal is shown on the field at fault. After success
 * the dialog shows what the server answered (the divisions made, the excursions found) until closed.
 */
import { Button, Modal, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type ReactNode, useState } from "react";
import { type Field, Form } from "../../components";

export function StepDialog({
  opener,
  title,
  fields,
  button,
  onSubmit,
  onClose,
  intro,
  color,
  initial,
}: {
  opener: string;
  title: string;
  fields: Field[];
  button: string;
  /** Sends the step; resolves to what to show once it is done. */
  onSubmit: (body: Record<string, unknown>) => Promise<ReactNode>;
  /** Called when the dialog closes after a success (the page reloads the product then). */
  onClose?: () => void;
  /** Shown above the form: what the step does, what the server will check. */
  intro?: ReactNode;
  /** A Mantine colour dark enough for outline text (4.5:1 on white), e.g. "red.9". */
  color?: string;
  /** Values the fields start with (what the record already says, to be checked rather than retyped). */
  initial?: Record<string, string | boolean>;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const [result, setResult] = useState<ReactNode>(null);
  const done = () => {
    close();
    if (result !== null) onClose?.();
    setResult(null);
  };
  return (
    <>
      <Button variant="outline" color={color} onClick={open}>
        {opener}
      </Button>
      <Modal
        closeButtonProps={{ "aria-label": "Close the dialog" }}
        opened={opened}
        onClose={done}
        title={title}
        size="md"
      >
        {result === null ? (
          <Stack gap="xs">
            {intro}
            <Form
              title={title}
              showTitle={false}
              fields={fields}
              button={button}
              {...(initial ? { initial } : {})}
              onSubmit={async (body) => {
                setResult(await onSubmit(body));
                return undefined;
              }}
            />
          </Stack>
        ) : (
          <Stack gap="sm" className="step-result" aria-live="polite">
            {result}
            <Button onClick={done} data-autofocus>
              Close
            </Button>
          </Stack>
        )}
      </Modal>
    </>
  );
}
