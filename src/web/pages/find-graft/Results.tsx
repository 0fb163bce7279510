/** The ranked hits with their match per locus, dose and reasons, a reserve button and the pager. */
import { Button, Table } from "@mantine/core";
import type { SearchHit, SearchResult } from "../../../search/schemas";
import { ListTable } from "../../components";
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
      <ListTable className="list results">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{kind === "cord" ? "Unit" : "Donor"}</Table.Th>
            {LOCI.map((l) => (
              <Table.Th key={l}>{l}</Table.Th>
            ))}
            <Table.Th>Match</Table.Th>
            {kind === "cord" && <Table.Th>TNC/kg</Table.Th>}
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
                <LocusCell key={l} hit={h} locus={l} />
              ))}
              <Table.Td>
                {h.grade.summary.allele8}/8{kind === "cord" ? `, cord ${h.grade.summary.cord6}/6` : ""}
              </Table.Td>
              {kind === "cord" && <Table.Td className="num">{h.dose ? sci(h.dose.tncPerKg) : "—"}</Table.Td>}
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
