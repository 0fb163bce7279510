/** What happened to the product: QC results, processing, status changes and the chain of custody. */
import { Table, Title } from "@mantine/core";
import type { ProductPageData } from "../../api";
import { ListTable, when } from "../../components";

export function History({ data }: { data: ProductPageData }) {
  const mine = data.trace.products.find((x) => x.product.id === data.product.id);
  return (
    <>
      <Title order={2}>QC results</Title>
      <ListTable className="list" head={["Test", "Stage", "Result", "Tested", "By"]}>
        <Table.Tbody>
          {data.qc.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.test}</Table.Td>
              <Table.Td>{r.stage}</Table.Td>
              <Table.Td className="mono">
                {r.value !== null ? `${r.value.toLocaleString("en")} ${r.unit ?? ""}` : r.result}
                {/* A value outside its plausible range was recorded only when confirmed: say so, and why. */}
                {r.confirmReason !== null && (
                  <span data-testid="qc-confirmed">
                    {" "}
                    (outside the plausible {r.plausibleMin?.toLocaleString("en")} to{" "}
                    {r.plausibleMax?.toLocaleString("en")}, confirmed: {r.confirmReason})
                  </span>
                )}
              </Table.Td>
              <Table.Td>{when(r.testedAt)}</Table.Td>
              <Table.Td>{r.recordedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>

      <Title order={2}>Processing</Title>
      <ul>
        {data.processing.map((s) => (
          <li key={`${s.step}${s.performedAt}`}>
            {when(s.performedAt)} {s.step} by {s.performedBy}
            {s.method ? `, ${s.method}` : ""}
            {s.volumeAfterMl ? `, ${s.volumeAfterMl} mL after` : ""}
          </li>
        ))}
      </ul>

      <Title order={2}>Status history</Title>
      <ul>
        {mine?.statusHistory.map((h) => (
          <li key={`${h.at}${h.toStatus}`}>
            {when(h.at)} {h.fromStatus ?? "—"} → <b>{h.toStatus}</b> by {h.by}: {h.reason}
          </li>
        ))}
      </ul>

      <Title order={2}>Chain of custody</Title>
      <ListTable className="list" head={["When", "Event", "Where", "By"]}>
        <Table.Tbody>
          {data.trace.custody.map((c) => (
            <Table.Tr key={`${c.at}${c.event}`}>
              <Table.Td>{when(c.at)}</Table.Td>
              <Table.Td>{c.event}</Table.Td>
              <Table.Td>{c.location}</Table.Td>
              <Table.Td>{c.by}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
    </>
  );
}
