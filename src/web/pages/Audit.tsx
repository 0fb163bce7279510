import { useState } from "react";
import { api } from "../api";
import { AuditTable, ErrorNote } from "../components";
import { useLoad } from "../use-load";

const PAGE = 50;

export function AuditPage() {
  const [offset, setOffset] = useState(0);
  const { data, error } = useLoad(() => api.audit(PAGE, offset), [offset]);
  const [verify, setVerify] = useState<string>();
  return (
    <section>
      <h1>Audit trail</h1>
      <p>
        <button
          type="button"
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
        </button>{" "}
        <span data-testid="verify">{verify}</span>
      </p>
      <ErrorNote error={error} />
      {data && (
        <>
          <AuditTable events={data.items} showRecord />
          <p className="pager">
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}{" "}
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </button>{" "}
            <button
              type="button"
              disabled={offset + PAGE >= data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </button>
          </p>
        </>
      )}
    </section>
  );
}
