/**
 * A search report as CSV for a spreadsheet: one row per ranked hit under one header line (no preamble a
 * spreadsheet would read as the header), so the report, patient and versions ride in columns of every row. Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) are
 * made inert: listing ids and bank names come from registry files Cradle does not write.
 */
import { stringify } from "csv-stringify/sync";
import type { SearchReport } from "./report-schemas.js";

/** Cells per kg with three significant figures, as a number a spreadsheet sorts ("3.40e+7"). */
const perKg = (n: number | null) => (n === null ? "" : n.toExponential(2));

export function searchReportCsv(r: SearchReport): string {
  const loci = ["A", "B", "C", "DRB1", "DQB1", "DPB1"];
  return stringify(
    r.rows.map((row) => {
      const cells: Record<string, string | number> = {
        report: r.id,
        patient_mrn: r.patientMrn,
        run_at: r.createdAt,
        run_by: r.createdBy,
        kind: r.kind,
        imgt_hla: r.versions.hla,
        mac: r.versions.mac ?? "",
        rank: row.rank,
        id: row.id,
        source: row.source,
        match: row.match,
        cord_class: `${row.cord6}/6`,
        category: row.category,
        direction: row.direction,
      };
      for (const l of loci) {
        const g = row.loci.find((x) => x.locus === l);
        cells[`${l}_allele`] = !g
          ? ""
          : g.typed
            ? `${g.allele}/2${g.potential ? " potential" : ""}`
            : "untyped";
      }
      cells.tnc_per_kg = perKg(row.tncPerKg);
      cells.cd34_per_kg = perKg(row.cd34PerKg);
      const eight = row.probability?.overall["8"];
      const upTo = (n: number) =>
        eight
          ? eight
              .slice(0, n + 1)
              .reduce((a, b) => a + b, 0)
              .toFixed(4)
          : "";
      cells.p_8_of_8 = upTo(0);
      cells.p_le1_of_8 = upTo(1);
      cells.p_le4_of_8 = upTo(4);
      cells.reason = row.reason;
      cells.flags = row.flags.join("; ");
      return cells;
    }),
    { header: true, escape_formulas: true },
  );
}
