/**
 * A box's grid, rows × columns as the box is laid out: an occupied slot shows the DIN of the product in
 * it (a link to its page), a free one its position. Given `onPick`, free slots are buttons that choose it
 * (the Store and Move steps); the picked one is marked.
 */
import { Button, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { BoxGrid as Grid, GridCell } from "../../../bank/storage-schemas.js";

export function BoxGrid({
  grid,
  onPick,
  picked,
}: {
  grid: Grid;
  onPick?: (cell: GridCell) => void;
  picked?: string;
}) {
  const rows: GridCell[][] = [];
  for (const c of grid.cells) {
    const row = rows[c.row - 1] ?? [];
    row.push(c);
    rows[c.row - 1] = row;
  }
  const name = `${grid.device}/${grid.rack}/${grid.box}`;
  return (
    <div>
      <Text size="sm" mb={4}>
        Box <span className="mono">{name}</span>: {grid.free} of {grid.cells.length} slots free
      </Text>
      <Table
        withTableBorder
        withColumnBorders
        className="box-grid"
        aria-label={`Box ${name}`}
        style={{ width: "auto" }}
      >
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row[0]?.row}>
              {row.map((c) => (
                <Table.Td
                  key={c.key}
                  data-position={c.position}
                  data-state={c.productId ? "occupied" : "free"}
                  className="mono"
                  style={{ whiteSpace: "nowrap", fontSize: "0.8rem" }}
                >
                  {c.din ? (
                    <Link
                      to={`/products/${c.din}${c.productCode ? `?product=${c.productCode}` : ""}`}
                      title={`${c.position}: ${c.din}`}
                    >
                      {c.position} {c.din}
                    </Link>
                  ) : onPick ? (
                    <Button
                      type="button"
                      size="compact-xs"
                      variant={picked === c.key ? "filled" : "subtle"}
                      aria-pressed={picked === c.key}
                      aria-label={`Slot ${c.position}`}
                      onClick={() => onPick(c)}
                    >
                      {c.position}
                    </Button>
                  ) : (
                    <Text span c="dimmed" size="xs">
                      {c.position}
                    </Text>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
