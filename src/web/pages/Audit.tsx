import { Button, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api";
import { AuditTable, ErrorNote } from "../components";

const PAGE = 50;

export function AuditPage() {
  const [offset, setOffset] = useState(0);
  const { data, error } = useQuery({
    queryKey: ["audit", offset],
    queryFn: () => api.audit(PAGE, offset),
    placeholderData: keepPreviousData,
  });
  const [verify, setVerify] = useState<string>();
  return (
    <section>
      <Title order={1}>Audit trail</Title>
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
      <ErrorNote error={error} />
      {data && (
        <>
          <AuditTable events={data.items} showRecord />
          <p className="pager">
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </Button>{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset + PAGE >= data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </Button>
          </p>
        </>
      )}
    </section>
  );
}
