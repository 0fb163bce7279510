import { Button, Group, NativeSelect, Table, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api";
import { PRODUCT_STATUSES, SOURCES } from "../bank-lists";
import { ErrorNote, ListTable, when } from "../components";

const PAGE = 25;

export function Inventory() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const status = params.get("status") ?? "";
  const source = params.get("source") ?? "";
  const din = params.get("din") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== "offset") p.delete("offset");
    navigate(`/inventory?${p.toString()}`);
  };
  const {
    data,
    error,
    isPending: loading,
  } = useQuery({
    queryKey: ["products", status, source, din, offset],
    queryFn: () => api.products({ limit: PAGE, offset, status, source, din }),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <Title order={1}>Inventory</Title>
      <Group className="filters" align="end" gap="sm" mb="sm">
        <NativeSelect
          name="status"
          label="Status"
          value={status}
          onChange={(e) => set("status", e.currentTarget.value)}
          data={[{ value: "", label: "all" }, ...PRODUCT_STATUSES]}
        />
        <NativeSelect
          name="source"
          label="Source"
          value={source}
          onChange={(e) => set("source", e.currentTarget.value)}
          data={[{ value: "", label: "all" }, ...SOURCES]}
        />
        <TextInput
          name="din"
          label="DIN"
          description="Enter to filter"
          defaultValue={din}
          placeholder="beginning of a DIN"
          onKeyDown={(e) => e.key === "Enter" && set("din", e.currentTarget.value)}
        />
        <Button component={Link} to="/register" variant="default">
          Register a collection
        </Button>
      </Group>
      <ErrorNote error={error} />
      {loading && <p className="loading">Loading…</p>}
      {data && (
        <>
          <ListTable
            className="list"
            head={["DIN", "Product", "Status", "Source", "ABO/Rh", "Volume", "Collected"]}
          >
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td className="mono">
                    <Link to={`/products/${p.din}${p.division !== "00" ? `?product=${p.code}` : ""}`}>
                      {p.dinWithCheck}
                    </Link>
                  </Table.Td>
                  <Table.Td className="mono">{p.code}</Table.Td>
                  <Table.Td>
                    <span className={`status ${p.status}`}>{p.status.replace("_", " ")}</span>
                  </Table.Td>
                  <Table.Td>{p.source}</Table.Td>
                  <Table.Td>{p.aboRhD ?? "—"}</Table.Td>
                  <Table.Td className="num">{p.volumeMl} mL</Table.Td>
                  <Table.Td>{when(p.collectedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ListTable>
          <p className="pager">
            {data.total === 0
              ? "No products."
              : `${offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total}`}{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset === 0}
              onClick={() => set("offset", String(Math.max(0, offset - PAGE)))}
            >
              Previous
            </Button>{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset + PAGE >= data.total}
              onClick={() => set("offset", String(offset + PAGE))}
            >
              Next
            </Button>
          </p>
        </>
      )}
    </section>
  );
}
