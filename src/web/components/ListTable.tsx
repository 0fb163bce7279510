/**
 * The app's tables: Mantine's Table with borders and row hover, inside a box that scrolls sideways, so a
 * wide table (a search's loci, a plan's doses) keeps the page itself at the screen's width (768 px).
 * `head` names the columns of a table whose header is plain text.
 */
import { Table, type TableProps } from "@mantine/core";

export function ListTable({ head, children, ...props }: TableProps & { head?: readonly string[] }) {
  return (
    <Table.ScrollContainer minWidth={0} type="native">
      <Table withTableBorder withColumnBorders highlightOnHover verticalSpacing={4} {...props}>
        {head && (
          <Table.Thead>
            <Table.Tr>
              {head.map((h, i) => (
                // A blank heading may repeat: the place keeps keys apart.
                <Table.Th key={`${i}-${h}`}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
        )}
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
