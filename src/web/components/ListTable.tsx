/**
 * The app's tables: Mantine's Table with borders and row hover, inside a box that scrolls sideways, so a
 * wide table (a search's loci, a plan's doses) keeps the page itself at the screen's width (768 px).
 */
import { Table, type TableProps } from "@mantine/core";

export function ListTable(props: TableProps) {
  return (
    <Table.ScrollContainer minWidth={0} type="native">
      <Table withTableBorder withColumnBorders highlightOnHover verticalSpacing={4} {...props} />
    </Table.ScrollContainer>
  );
}
