/** One locus of a hit: allele and antigen matches, each position's grade in the tooltip. */
import { Table } from "@mantine/core";
import type { SearchHit } from "../../../search/schemas";

export function LocusCell({ hit, locus }: { hit: SearchHit; locus: string }) {
  const g = hit.grade.loci[locus];
  if (!g || !g.typed) return <Table.Td className="grade untyped">untyped</Table.Td>;
  const cls = g.allele === 2 ? "match" : g.antigen === 2 ? "antigen" : "mismatch";
  return (
    <Table.Td
      className={`grade ${cls}`}
      title={g.positions.map((p) => `${p.patient} ↔ ${p.donor}: ${p.grade} (${p.confidence})`).join("\n")}
    >
      {g.allele}/2{g.antigen > g.allele ? ` (${g.antigen}/2 antigen)` : ""}
    </Table.Td>
  );
}
