/**
 * An e-signature asked in a dialog: the page shows what will be signed and a button; the signer's password
 * (and code) are asked in a modal that names the signature's meaning, and it closes once the server signed.
 */
import { Button, Modal } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type Field, Form } from "./Form";

export function SigningDialog({
  opener,
  title,
  fields,
  button,
  onSubmit,
}: {
  opener: string;
  title: string;
  fields: Field[];
  button: string;
  onSubmit: (body: Record<string, unknown>) => Promise<string | undefined>;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="outline" onClick={open}>
        {opener}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size="md">
        <Form
          title={title}
          showTitle={false}
          fields={fields}
          button={button}
          onSubmit={async (body) => {
            const message = await onSubmit(body);
            close();
            return message;
          }}
        />
      </Modal>
    </>
  );
}
