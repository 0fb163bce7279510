/** Find a graft for a baby: the patient's HLA checked as it is typed, then ranked cord units or donors. */
import { useEffect, useState } from "react";
import type { User } from "../../accounts/schemas";
import type { SearchHit, SearchRequest, SearchResult } from "../../search/schemas";
import { ApiError, api } from "../api";
import { ErrorNote } from "../components";
import { navigate } from "../router";

const LOCI = ["A", "B", "C", "DRB1", "DQB1"];
const PAGE = 20;

function sci(n: number): string {
  const e = Math.floor(Math.log10(n));
  return `${(n / 10 ** e).toFixed(1)}×10^${e}`;
}

function LocusCell({ hit, locus }: { hit: SearchHit; locus: string }) {
  const g = hit.grade.loci[locus];
  if (!g || !g.typed) return <td className="grade untyped">untyped</td>;
  const cls = g.allele === 2 ? "match" : g.antigen === 2 ? "antigen" : "mismatch";
  return (
    <td
      className={`grade ${cls}`}
      title={g.positions.map((p) => `${p.patient} ↔ ${p.donor}: ${p.grade} (${p.confidence})`).join("\n")}
    >
      {g.allele}/2{g.antigen > g.allele ? ` (${g.antigen}/2 antigen)` : ""}
    </td>
  );
}

export function FindGraft({ user }: { user: User }) {
  const [typing, setTyping] = useState("");
  const [check, setCheck] = useState<{ ok: boolean; message: string } | undefined>();
  const [kind, setKind] = useState<"cord" | "adult">("cord");
  const [weightGrams, setWeightGrams] = useState("");
  const [diagnosis, setDiagnosis] = useState("nonmalignant");
  const [antibodies, setAntibodies] = useState("");
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [reserved, setReserved] = useState("");

  // Inline validation: the release is asked half a second after typing stops.
  useEffect(() => {
    if (typing.trim() === "") return setCheck(undefined);
    const t = setTimeout(() => {
      api.validateHla(typing.trim()).then(
        () => setCheck({ ok: true, message: "valid for the loaded IMGT/HLA release" }),
        (e) =>
          setCheck({ ok: false, message: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) }),
      );
    }, 500);
    return () => clearTimeout(t);
  }, [typing]);

  const run = async (at: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: SearchRequest = { patientTyping: typing.trim(), kind, limit: PAGE, offset: at };
      if (kind === "cord") {
        body.weightGrams = Number(weightGrams);
        body.diagnosis = diagnosis === "malignant" ? "malignant" : "nonmalignant";
      }
      const abs = antibodies
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (abs.length) body.antibodies = abs;
      setResult(await api.search(body));
      setOffset(at);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const canReserve = user.roles.some((r) => r === "coordinator" || r === "physician");
  return (
    <section>
      <h1>Find a graft for a baby</h1>
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          void run(0);
        }}
      >
        <label className="wide">
          Patient HLA (GL string){" "}
          <textarea
            name="typing"
            rows={2}
            value={typing}
            onChange={(e) => setTyping(e.target.value)}
            placeholder="A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01+DQB1*03:02"
          />
        </label>
        {check && (
          <p className={check.ok ? "ok" : "error"} data-testid="hla-check">
            {check.message}
          </p>
        )}
        <label>
          Search{" "}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as "cord" | "adult")}>
            <option value="cord">cord blood units</option>
            <option value="adult">adult donors</option>
          </select>
        </label>
        {kind === "cord" && (
          <>
            <label>
              Weight (g){" "}
              <input
                name="weightGrams"
                inputMode="numeric"
                value={weightGrams}
                onChange={(e) => setWeightGrams(e.target.value)}
                placeholder="3400"
              />
            </label>
            <label>
              Diagnosis{" "}
              <select name="diagnosis" value={diagnosis} onChange={(e) => setDiagnosis(e.target.value)}>
                <option value="nonmalignant">non-malignant (e.g. Krabbe, Hurler, SCID)</option>
                <option value="malignant">malignant</option>
              </select>
            </label>
          </>
        )}
        <label>
          Antibodies{" "}
          <input
            name="antibodies"
            value={antibodies}
            onChange={(e) => setAntibodies(e.target.value)}
            placeholder="A2, B44"
          />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
      </form>
      <ErrorNote error={error} />
      {reserved && <p className="ok">{reserved}</p>}
      {result && (
        <>
          <p>
            {result.total} {kind === "cord" ? "cord units" : "adult donors"} within the limits (
            {Object.entries(result.classCounts)
              .map(([mm, n]) => `${8 - Number(mm)}/8: ${n}`)
              .join(", ")}
            ); {result.excluded} left out by dose or antibodies.
          </p>
          <table className="list results">
            <thead>
              <tr>
                <th>#</th>
                <th>{kind === "cord" ? "Unit" : "Donor"}</th>
                {LOCI.map((l) => (
                  <th key={l}>{l}</th>
                ))}
                <th>Match</th>
                {kind === "cord" && <th>TNC/kg</th>}
                <th>Why this place</th>
                <th>Flags</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {result.hits.map((h) => (
                <tr key={h.id}>
                  <td>{h.rank}</td>
                  <td className="mono">
                    {h.id}
                    <br />
                    <small>{h.listing.kind === "cord" ? h.listing.bank : h.listing.registry}</small>
                  </td>
                  {LOCI.map((l) => (
                    <LocusCell key={l} hit={h} locus={l} />
                  ))}
                  <td>
                    {h.grade.summary.allele8}/8{kind === "cord" ? `, cord ${h.grade.summary.cord6}/6` : ""}
                  </td>
                  {kind === "cord" && <td className="num">{h.dose ? sci(h.dose.tncPerKg) : "—"}</td>}
                  <td>{h.reason}</td>
                  <td>{h.flags.join("; ")}</td>
                  <td>
                    {h.bankProduct && canReserve ? (
                      <button
                        type="button"
                        onClick={async () => {
                          const patientId = prompt("Reserve for which patient (id)?");
                          if (!patientId) return;
                          try {
                            await api.step(h.id, "reservation", { patientId, reason: `search: ${h.reason}` });
                            setReserved(`Unit ${h.id} reserved for ${patientId}.`);
                            navigate(`/products/${h.id}`);
                          } catch (e) {
                            setError(e);
                          }
                        }}
                      >
                        Reserve
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="pager">
            <button
              type="button"
              disabled={offset === 0 || busy}
              onClick={() => run(Math.max(0, offset - PAGE))}
            >
              Previous
            </button>{" "}
            <button
              type="button"
              disabled={offset + PAGE >= result.total || busy}
              onClick={() => run(offset + PAGE)}
            >
              Next
            </button>
          </p>
        </>
      )}
    </section>
  );
}
