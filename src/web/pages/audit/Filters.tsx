/** The audit page's filters: entity, record id, user, kind, and a time range on the user's clock. */
import { Button, Group, Select, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type AuditFilter, api } from "../../api";
import { instantToLocal, localToInstant, zoneName } from "../../components";

export function Filters({ filter, apply }: { filter: AuditFilter; apply: (f: AuditFilter) => void }) {
  const kinds = useQuery({
    queryKey: ["audit-kinds"],
    queryFn: api.auditKinds,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [kind, setKind] = useState<string | null>(filter.kind ?? null);
  const zone = zoneName();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "").trim() || undefined;
    // An unreadable time is sent as typed, so the server's refusal names the field rather than the page guessing.
    const time = (k: string) => {
      const v = text(k);
      return v === undefined ? undefined : (localToInstant(v) ?? v);
    };
    apply({
      entityType: text("entityType"),
      entityId: text("entityId"),
      user: text("user"),
      kind: kind ?? undefined,
      from: time("from"),
      to: time("to"),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Filter the audit trail">
      <Group className="filters" align="end" gap="sm" mb="sm">
        <TextInput
          name="entityType"
          label="Entity"
          placeholder="product, patient, plan…"
          defaultValue={filter.entityType}
        />
        <TextInput
          name="entityId"
          label="Record id"
          placeholder="DIN, product id, MRN"
          defaultValue={filter.entityId}
        />
        <TextInput name="user" label="User" placeholder="user name" defaultValue={filter.user} />
        <Select
          label="Kind"
          placeholder="any"
          data={kinds.data ?? []}
          value={kind}
          onChange={setKind}
          searchable
          clearable
        />
        <TextInput
          type="datetime-local"
          name="from"
          label={`From (${zone})`}
          defaultValue={instantToLocal(filter.from)}
        />
        <TextInput
          type="datetime-local"
          name="to"
          label={`To (${zone})`}
          defaultValue={instantToLocal(filter.to)}
        />
        <Button type="submit">Filter</Button>
        <Button type="button" variant="default" onClick={() => apply({})}>
          Clear
        </Button>
      </Group>
    </form>
  );
}
