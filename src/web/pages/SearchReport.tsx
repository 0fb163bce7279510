/**
 * A kept search report, to read, print or export: whose search, when and by whom, on which IMGT/HLA and MAC
 * versions, the criteria, the counts and the ranked rows with the reason for each place, as it ranked then.
 */
import { Anchor, Group, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { SearchReport } from "../../search/report-schemas";
import { api } from "../api";
import { ErrorNote, ListTable, PrintButton, sci, whenExact } from "../components";
import { LocusCell } from "./find-graft/LocusCell";
import { CATEGORY_WORDS, LOCI, mismatchCounts } from "./find-graft/Results";

function Criteria({ r }: { r: SearchReport }) {
  const c = r.criteria;
  const parts = [
    c.kind === "cord" ? "cord blood units" : "adult donors",
    c.weightGrams !== undefined ? `weight ${c.weightGrams} g` : undefined,
    c.diagnosis ? `${c.diagnosis.replace("nonmalignant", "non-malignant")} disease` : undefined,
    c.antibodies?.length ? `antibodies ${c.antibodies.join(", ")}` : "no antibodies",
    `loci counted ${c.loci ?? 8}`,
    c.maxMismatches !== undefined ? `at most ${c.maxMismatches} mismatches` : undefined,
  ].filter(Boolean);
  return (
    <>
      <Text>
        Patient typing: <span className="mono">{c.patientTyping}</span>
      </Text>
      <Text>{parts.join(" · ")}</Text>
    </>
  );
}

export function SearchReportPage({ id }: { id: string }) {
  const { data: r, error } = useQuery({
    queryKey: ["search-report", id],
    queryFn: () => api.searchReport(id),
  });
  if (error) return <ErrorNote error={error} />;
  if (!r) return <p className="loading">Loading…</p>;
  return (
    <section className="search-report">
      <Title order={1}>Search report</Title>
      <Text>
        For{" "}
        <Link to={`/patients/${encodeURIComponent(r.patientMrn)}`} className="mono">
          {r.patientMrn}
        </Link>{" "}
        · run {whenExact(r.createdAt)} by {r.createdBy} · IMGT/HLA {r.versions.hla}
        {r.versions.mac ? ` · MAC file: ${r.versions.mac}` : " · no MAC file"}
      </Text>
      {r.note && <Text>Note: {r.note}</Text>}
      <Criteria r={r} />
      <Text>
        {r.counts.total} within the limits, by allele mismatches at the typed loci (
        {mismatchCounts(r.counts.byMismatches)}); {r.counts.excluded} left out by dose or antibodies. The
        ranked list shows the first {r.rows.length}, as they ranked when the search ran.
      </Text>
      <Group className="no-print" my="sm">
        <PrintButton label="Print" />
        <Anchor href={`/api/search-reports/${encodeURIComponent(r.id)}.csv`} download>
          Download CSV
        </Anchor>
      </Group>
      <ListTable
        className="list results"
        head={[
          "#",
          r.kind === "cord" ? "Unit" : "Donor",
          ...LOCI,
          "Match",
          ...(r.kind === "cord" ? ["TNC/kg", "CD34+/kg"] : []),
          "Why this place",
          "Flags",
        ]}
      >
        <Table.Tbody>
          {r.rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>{row.rank}</Table.Td>
              <Table.Td className="mono">
                {row.id}
                <br />
                <small>{row.source}</small>
              </Table.Td>
              {LOCI.map((l) => (
                <LocusCell key={l} g={row.loci.find((x) => x.locus === l)} />
              ))}
              <Table.Td>
                {row.match}
                {r.kind === "cord" ? `, cord ${row.cord6}/6` : ""}
                <br />
                <small>{CATEGORY_WORDS[row.category]}</small>
              </Table.Td>
              {r.kind === "cord" && (
                <Table.Td className="num">{row.tncPerKg === null ? "—" : sci(row.tncPerKg)}</Table.Td>
              )}
              {r.kind === "cord" && (
                <Table.Td className="num">
                  {row.cd34PerKg === null ? "not counted" : sci(row.cd34PerKg)}
                </Table.Td>
              )}
              <Table.Td>{row.reason}</Table.Td>
              <Table.Td>{row.flags.join("; ")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
    </section>
  );
}
