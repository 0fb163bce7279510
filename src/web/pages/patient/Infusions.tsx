/** The infusions given, with the product, the route and any reactions. */
import { Table, Title } from "@mantine/core";
import { Link } from "react-router";
import type { Infusion } from "../../../therapy/schemas.js";
import { ListTable, sci, when } from "../../components";

export function Infusions({ infusions }: { infusions: Infusion[] }) {
  return (
    <>
      <Title order={2}>Infusions</Title>
      {infusions.length === 0 ? (
        <p>None.</p>
      ) : (
        <ListTable
          className="list"
          head={["Started", "Product", "Volume", "Route", "Where", "Reactions", "Recorded by"]}
        >
          <Table.Tbody>
            {infusions.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{when(i.startedAt)}</Table.Td>
                <Table.Td className="mono">
                  <Link to={`/products/${i.productId.split(":")[0]}`}>{i.productId}</Link>
                </Table.Td>
                <Table.Td className="num">
                  {i.volumeMl} mL: {sci(i.givenPerKg)} cells/kg (ordered {sci(i.orderedPerKg)})
                  {i.overrideReason && (
                    <small className="signature"> Signed override: {i.overrideReason}</small>
                  )}
                </Table.Td>
                <Table.Td>{i.route}</Table.Td>
                <Table.Td>{i.location}</Table.Td>
                <Table.Td>
                  {i.reactions.length
                    ? i.reactions.map((r) => `${r.description} (${r.severity})`).join("; ")
                    : "none"}
                </Table.Td>
                <Table.Td>{i.recordedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
    </>
  );
}
