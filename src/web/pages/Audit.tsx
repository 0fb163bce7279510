/**
 * The audit trail: filtered by entity, user, kind and time, the filters kept in the address (a filtered
 * view can be bookmarked or sent), paged, and exported as CSV with the same filters. Times are entered on
 * the user's clock (zone named) and sent as instants; the server refuses a bad one naming the field.
 */
import { Button, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { type AuditFilter, api } from "../api";
import { AuditTable, ErrorNote } from "../components";
import { Filters } from "./audit/Filters";

const PAGE = 50;
const KEYS = ["entityType", "entityId", "user", "kind", "from", "to"] as const;

function filterOf(params: URLSearchParams): AuditFilter {
  const f: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f as AuditFilter;
}

function Verify() {
  const [verify, setVerify] = useState<string>();
  return (
    <p>
      <Button
        type="button"
        variant="default"
        size="compact-sm"
        onClick={async () => {
          setVerify("Verifying…");
          try {
            const v = await api.verifyAudit();
            setVerify(
              v.ok
                ? `Intact: ${v.events} events, head ${v.headHash?.slice(0, 16)}…`
                : `BROKEN at event ${v.seq}: ${v.reason}`,
            );
          } catch (e) {
            setVerify(String(e));
          }
        }}
      >
        Verify the hash chain
      </Button>{" "}
      <span data-testid="verify">{verify}</span>
    </p>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const offset = Number(params.get("offset") ?? 0) || 0;
  const go = (f: AuditFilter, at = 0) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
    if (at > 0) p.set("offset", String(at));
    setParams(p);
  };
  const { data, error } = useQuery({
    queryKey: ["audit", filter, offset],
    queryFn: () => api.audit(filter, PAGE, offset),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <Title order={1}>Audit trail</Title>
      <Verify />
      {/* Keyed by the address, so Clear and the browser's back button show the fields as filtered. */}
      <Filters key={params.toString()} filter={filter} apply={(f) => go(f)} />
      <p>
        <a href={api.auditCsvUrl(filter)} download data-testid="export-csv">
          Export CSV
        </a>{" "}
        (the events that pass these filters, up to 10,000, newest first)
      </p>
      <ErrorNote error={error} />
      {data && (
        <>
          <AuditTable events={data.items} showRecord />
          <p className="pager">
            {data.total === 0
              ? "No events"
              : `${offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total}`}{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset === 0}
              onClick={() => go(filter, Math.max(0, offset - PAGE))}
            >
              Newer
            </Button>{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset + PAGE >= data.total}
              onClick={() => go(filter, offset + PAGE)}
            >
              Older
            </Button>
          </p>
        </>
      )}
    </section>
  );
}
