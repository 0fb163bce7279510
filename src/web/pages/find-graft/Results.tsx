/** The ranked hits with their match per locus, dose and reasons, a reserve button and the pager. */
import { Button, Table } from "@mantine/core";
import type { SearchHit, SearchResult } from "../../../search/schemas";
import { ListTable, sci } from "../../components";
import { LocusCell, locusOfHit } from "./LocusCell";

export const LOCI = ["A", "B", "C", "DRB1", "DQB1"];
export const PAGE = 20;

/** "0 mismatches: 3, 1 mismatch: 12": the server's counts by allele mismatches of the typed loci. */
export function mismatchCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([mm, n]) => `${mm} mismatch${mm === "1" ? "" : "es"}: ${n}`)
    .join(", ");
}

/** The WMDA overall category in words, shown in the row (not only in a tooltip). */
export const CATEGORY_WORDS: Record<SearchHit["grade"]["summary"]["category"], string> = {
  Definite: "definite match (every position one allele)",
  Exact: "exact match",
  Potential: "potential match (ambiguous or untyped positions)",
  PermissiveMismatch: "permissive mismatch (DPB1 TCE)",
  Mismatch: "mismatch",
};

const pct = (p: number) => `${(100 * p).toFixed(1)} %`;
const upTo = (xs: readonly number[], n: number) => xs.slice(0, n + 1).reduce((a, b) => a + b, 0);

/** The population the probabilities come from, how it was chosen, and the unrepresented share. */
function PopulationUsed({ p }: { p: NonNullable<SearchResult["probability"]> }) {
  const via: Record<string, string> = {
    request: "asked for this search",
    patient: "the patient's",
    default: "the registry default",
    global: "the global fallback",
  };
  return (
    <p data-testid="population-used">
      Population used: {p.population} (version {p.version}, {via[p.via] ?? p.via}). Unrepresented:{" "}
      {p.unrepresented} of {p.computed} candidates ({pct(p.unrepresentedShare)}), answered per locus
      {p.notImputed > 0 ? `; ${p.notImputed} not imputed yet (no probability)` : ""}
      {p.patient.unrepresented ? `; the patient's typing is unrepresented: ${p.patient.reason ?? ""}` : ""}.
    </p>
  );
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
        {result.total} {kind === "cord" ? "cord units" : "adult donors"} within the limits, by allele
        mismatches at the typed loci ({mismatchCounts(result.classCounts)}); {result.excluded} left out by
        dose or antibodies. An untyped locus is unknown, not a mismatch.
      </p>
      {result.probability && <PopulationUsed p={result.probability} />}
      <ListTable className="list results">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{kind === "cord" ? "Unit" : "Donor"}</Table.Th>
            {LOCI.map((l) => (
              <Table.Th key={l}>{l}</Table.Th>
            ))}
            <Table.Th>Match</Table.Th>
            {result.probability && (
              <>
                <Table.Th>P(8/8)</Table.Th>
                <Table.Th>P(7/8)</Table.Th>
                <Table.Th>P(≤1)</Table.Th>
                {kind === "cord" && <Table.Th>P(≤4)</Table.Th>}
              </>
            )}
            {kind === "cord" && <Table.Th>TNC/kg</Table.Th>}
            {kind === "cord" && <Table.Th>CD34+/kg</Table.Th>}
            <Table.Th>Why this place</Table.Th>
            <Table.Th>Flags</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.hits.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{h.rank}</Table.Td>
              <Table.Td className="mono">
                {h.id}
                <br />
                <small>{h.listing.kind === "cord" ? h.listing.bank : h.listing.registry}</small>
              </Table.Td>
              {LOCI.map((l) => (
                <LocusCell key={l} g={locusOfHit(h, l)} />
              ))}
              <Table.Td>
                {h.grade.summary.text}
                {kind === "cord" ? `, cord ${h.grade.summary.cord6}/6` : ""}
                <br />
                <small>{CATEGORY_WORDS[h.grade.summary.category]}</small>
              </Table.Td>
              {result.probability && <ProbabilityCells p={h.probability ?? null} cord={kind === "cord"} />}
              {kind === "cord" && <Table.Td className="num">{h.dose ? sci(h.dose.tncPerKg) : "—"}</Table.Td>}
              {kind === "cord" && (
                <Table.Td className="num">
                  {h.dose?.cd34PerKg !== undefined ? sci(h.dose.cd34PerKg) : "not counted"}
                </Table.Td>
              )}
              <Table.Td>{h.reason}</Table.Td>
              <Table.Td>{h.flags.join("; ")}</Table.Td>
              <Table.Td>
                {h.bankProduct && reserve ? (
                  <Button type="button" variant="default" size="compact-sm" onClick={() => reserve(h)}>
                    Reserve
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <p className="pager">
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          disabled={offset === 0 || busy}
          onClick={() => run(Math.max(0, offset - PAGE))}
        >
          Previous
        </Button>{" "}
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          disabled={offset + PAGE >= result.total || busy}
          onClick={() => run(offset + PAGE)}
        >
          Next
        </Button>
      </p>
    </>
  );
}

/** A hit's P(8/8), P(7/8), P(≤ 1) (and P(≤ 4) for cords), with the predictive category under the first. */
function ProbabilityCells({ p, cord }: { p: SearchHit["probability"] | null; cord: boolean }) {
  if (!p) {
    return (
      <Table.Td colSpan={cord ? 4 : 3}>
        <small>not imputed yet</small>
      </Table.Td>
    );
  }
  const eight = p.overall["8"];
  return (
    <>
      <Table.Td className="num" data-testid="p8">
        {pct(eight[0] ?? 0)}
        <br />
        <small>
          {p.category}
          {p.unrepresented ? " (unrepresented: per locus)" : ""}
        </small>
      </Table.Td>
      <Table.Td className="num">{pct(eight[1] ?? 0)}</Table.Td>
      <Table.Td className="num">{pct(upTo(eight, 1))}</Table.Td>
      {cord && <Table.Td className="num">{pct(upTo(eight, 4))}</Table.Td>}
    </>
  );
}
