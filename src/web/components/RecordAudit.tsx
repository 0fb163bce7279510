/**
 * A record's own audit history (a product, a patient, a plan), oldest first, as the server gives it to this
 * reader (redacted where the reader's roles do not reach). Loaded when opened: a long history costs nothing
 * until someone asks for it.
 */
import { Button, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { AuditEvent } from "../api";
import { AuditTable } from "./AuditTable";
import { ErrorNote } from "./ErrorNote";

export function RecordAudit({
  title,
  queryKey,
  load,
  showRecord = false,
  heading = 2,
}: {
  title: string;
  queryKey: readonly unknown[];
  load: () => Promise<AuditEvent[]>;
  showRecord?: boolean;
  heading?: 2 | 3;
}) {
  const [open, setOpen] = useState(false);
  const { data, error } = useQuery({ queryKey: [...queryKey, "audit"], queryFn: load, enabled: open });
  return (
    <div className="record-audit">
      <Title order={heading}>
        {title}{" "}
        <Button type="button" variant="default" size="compact-sm" onClick={() => setOpen(!open)}>
          {open ? "Hide" : "Show"}
        </Button>
      </Title>
      {open && <ErrorNote error={error} />}
      {open &&
        data &&
        (data.length === 0 ? <p>No events.</p> : <AuditTable events={data} showRecord={showRecord} />)}
    </div>
  );
}
