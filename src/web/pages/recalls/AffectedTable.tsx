/** The products a look-back found and where each is: storage, shipments, reservation, infusion, hold. */
import { Table } from "@mantine/core";
import type { AffectedProduct } from "../../../bank/quality/recall-schemas.js";
import { ListTable, day } from "../../components";

export function AffectedTable({ products, label }: { products: AffectedProduct[]; label: string }) {
  return (
    <ListTable
      className="list"
      aria-label={label}
      head={[
        "Product",
        "Status",
        "Why",
        "Stored at",
        "Shipped to",
        "Reserved for",
        "Infused into",
        "On hold",
      ]}
    >
      <Table.Tbody>
        {products.map((p) => (
          <Table.Tr key={p.productId} data-product={p.productId}>
            <Table.Td className="mono">
              {p.din}:{p.code}
            </Table.Td>
            <Table.Td>{p.status}</Table.Td>
            <Table.Td>{p.why}</Table.Td>
            <Table.Td className="mono">{p.storage ?? "—"}</Table.Td>
            <Table.Td>
              {p.shipments.length === 0
                ? "—"
                : p.shipments.map((s) => `${s.destination} (${day(s.shippedAt)})`).join("; ")}
            </Table.Td>
            <Table.Td>{p.reservedFor ?? "—"}</Table.Td>
            <Table.Td>{p.infusedInto ?? "—"}</Table.Td>
            <Table.Td>{p.onHold ? "yes" : "no"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
