/** The patient's graft searches: open Find a graft for this baby, and the search reports kept on the record. */
import { Button, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api";
import { ErrorNote, ListTable, whenExact } from "../../components";

export function SearchReports({ mrn }: { mrn: string }) {
  const { data, error } = useQuery({
    queryKey: ["patient", mrn, "search-reports"],
    queryFn: () => api.searchReports(mrn),
  });
  return (
    <>
      <Title order={2}>Graft searches</Title>
      <Button
        component={Link}
        to={`/find-graft?patient=${encodeURIComponent(mrn)}`}
        variant="default"
        mb="sm"
      >
        Find a graft for this baby
      </Button>
      <ErrorNote error={error} />
      {data && data.reports.length === 0 && <p>No search kept on this record.</p>}
      {data && data.reports.length > 0 && (
        <ListTable head={["Run", "By", "Search", "Within limits", "First", "IMGT/HLA", "Note"]}>
          <Table.Tbody>
            {data.reports.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Link to={`/search-reports/${r.id}`}>{whenExact(r.createdAt)}</Link>
                </Table.Td>
                <Table.Td>{r.createdBy}</Table.Td>
                <Table.Td>{r.kind === "cord" ? "cord blood units" : "adult donors"}</Table.Td>
                <Table.Td className="num">{r.total}</Table.Td>
                <Table.Td className="mono">{r.top ?? "none found"}</Table.Td>
                <Table.Td>{r.hla}</Table.Td>
                <Table.Td>{r.note ?? ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
    </>
  );
}
