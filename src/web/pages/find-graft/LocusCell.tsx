/**
 * One locus of a hit or a report row: allele and antigen matches, and "potential" in the cell when a
 * position matches only on an ambiguous typing. An untyped locus reads "untyped": unknown, not a mismatch.
 */
import { Table } from "@mantine/core";
import type { SearchHit } from "../../../search/schemas";

export interface LocusMatch {
  typed: boolean;
  allele: number;
  antigen: number;
  potential: boolean;
  /** Each position's grade, for the tooltip (a live search has them; a report keeps the counts). */
  title?: string;
}

/** A live hit's locus as the cell shows it. */
export function locusOfHit(hit: SearchHit, locus: string): LocusMatch {
  const g = hit.grade.loci[locus];
  if (!g || !g.typed) return { typed: false, allele: 0, antigen: 0, potential: false };
  return {
    typed: true,
    allele: g.allele,
    antigen: g.antigen,
    potential: g.positions.some((p) => p.confidence === "potential"),
    title: g.positions.map((p) => `${p.patient} ↔ ${p.donor}: ${p.grade} (${p.confidence})`).join("\n"),
  };
}

export function LocusCell({ g }: { g: LocusMatch | undefined }) {
  if (!g?.typed) return <Table.Td className="grade untyped">untyped</Table.Td>;
  const cls = g.allele === 2 ? "match" : g.antigen === 2 ? "antigen" : "mismatch";
  return (
    <Table.Td className={`grade ${cls}`} {...(g.title ? { title: g.title } : {})}>
      {g.allele}/2{g.antigen > g.allele ? ` (${g.antigen}/2 antigen)` : ""}
      {g.potential && (
        <>
          <br />
          <small>potential</small>
        </>
      )}
    </Table.Td>
  );
}
