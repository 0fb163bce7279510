/** The ranked hits with their match per locus, dose and reasons, a reserve button and the pager. */
import type { SearchHit, SearchResult } from "../../../search/schemas";
import { LocusCell } from "./LocusCell";

export const LOCI = ["A", "B", "C", "DRB1", "DQB1"];
export const PAGE = 20;

function sci(n: number): string {
  const e = Math.floor(Math.log10(n));
  return `${(n / 10 ** e).toFixed(1)}×10^${e}`;
}

export function Results({
  result,
  kind,
  offset,
  busy,
  run,
  reserve,
}: {
  result: SearchResult;
  kind: "cord" | "adult";
  offset: number;
  busy: boolean;
  run: (at: number) => void;
  /** Absent when this user may not reserve. */
  reserve?: (h: SearchHit) => void;
}) {
  return (
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
                {h.bankProduct && reserve ? (
                  <button type="button" onClick={() => reserve(h)}>
                    Reserve
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pager">
        <button type="button" disabled={offset === 0 || busy} onClick={() => run(Math.max(0, offset - PAGE))}>
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
  );
}
