/**
 * Upload the dry shipper's logger export (POST …/temperature-log, { csv }: the file's text, checked by the
 * server line by line, src/bank/temperature-log.ts): the dialog shows how many readings were kept and the
 * excursions found, and the page's plot draws them.
 */
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Excursion } from "../../../bank/schemas.js";
import { api } from "../../api";
import { ErrorNote } from "../../components";
import { ExcursionList } from "./ExcursionList";

export function TemperatureLogDialog({
  din,
  code,
  onDone,
}: { din: string; code: string | undefined; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [file, setFile] = useState<File | null>(null);
  const id = useId();
  const send = useMutation({
    mutationFn: async (f: File) =>
      (await api.step(din, "temperature-log", { csv: await f.text() }, code)) as {
        readings: number;
        excursions: Excursion[];
      },
  });
  const done = () => {
    close();
    if (send.isSuccess) onDone();
    send.reset();
    setFile(null);
  };
  return (
    <>
      <Button variant="outline" onClick={open}>
        Upload temperature log…
      </Button>
      <Modal
        closeButtonProps={{ "aria-label": "Close the dialog" }}
        opened={opened}
        onClose={done}
        title="Upload the dry shipper's temperature log"
        size="md"
      >
        {send.data ? (
          <Stack gap="sm" className="step-result" aria-live="polite">
            <Text>{send.data.readings} readings imported.</Text>
            <ExcursionList excursions={send.data.excursions} />
            <Button onClick={done} data-autofocus>
              Close
            </Button>
          </Stack>
        ) : (
          <form
            aria-label="Upload the temperature log"
            onSubmit={(e) => {
              e.preventDefault();
              if (file) send.mutate(file);
            }}
          >
            <Stack gap="xs">
              <Text size="sm">
                The logger's CSV export: a header, then one reading a line, a time with its zone
                (2026-03-02T08:00:00Z) and the temperature in °C.
              </Text>
              <label htmlFor={id} className="file-label">
                Temperature log file (CSV){" "}
                <span aria-hidden="true" className="required-mark">
                  *
                </span>
              </label>
              <input
                id={id}
                name="csv"
                type="file"
                accept=".csv,text/csv,text/plain"
                required
                aria-required="true"
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              />
              <Group>
                <Button type="submit" disabled={file === null} loading={send.isPending}>
                  Upload
                </Button>
              </Group>
              <ErrorNote error={send.error} />
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
