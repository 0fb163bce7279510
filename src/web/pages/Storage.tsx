/**
 * The bank's storage: every freezer and LN2 tank with its racks and boxes and how full each box is, a
 * box's grid with the product in each slot, and (for the lab and quality) forms to define more.
 */
import { Button, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { StorageBox, StorageDevice, StorageRack } from "../../bank/storage-schemas.js";
import { type SignedIn, api } from "../api";
import { ErrorNote, ListTable } from "../components";
import { AddForms } from "./storage/AddForms";
import { BoxGrid } from "./storage/BoxGrid";

export function Storage({ user }: { user: SignedIn }) {
  const queries = useQueryClient();
  const devices = useQuery({ queryKey: ["storage"], queryFn: () => api.storageDevices() });
  const [box, setBox] = useState<string>();
  const grid = useQuery({
    queryKey: ["storage", "grid", box],
    queryFn: () => api.boxGrid(box ?? ""),
    enabled: box !== undefined,
  });
  const list = devices.data ?? [];
  // One row per box; a device or rack without boxes still shows, so a new one is seen at once.
  type Row = { d: StorageDevice; rack?: StorageRack; b?: StorageBox };
  const rows = list.flatMap((d): Row[] =>
    d.racks.length === 0
      ? [{ d }]
      : d.racks.flatMap((rack): Row[] =>
          rack.boxes.length === 0 ? [{ d, rack }] : rack.boxes.map((b) => ({ d, rack, b })),
        ),
  );
  return (
    <section>
      <Title order={1}>Storage</Title>
      <ErrorNote error={devices.error} />
      {devices.isPending && <p className="loading">Loading…</p>}
      {devices.data && list.length === 0 && <p>No storage is defined yet.</p>}
      {rows.length > 0 && (
        <ListTable
          className="list"
          aria-label="Storage"
          head={["Device", "Keeps", "Rack", "Box", "Grid", "Occupied", ""]}
        >
          <Table.Tbody>
            {rows.map(({ d, rack, b }) => {
              const path = b && rack ? `${d.name}/${rack.name}/${b.name}` : undefined;
              return (
                <Table.Tr key={`${d.id}/${rack?.id ?? ""}/${b?.id ?? ""}`} data-box={path}>
                  <Table.Td className="mono">
                    {d.name} <span className="dimmed">({d.kind})</span>
                  </Table.Td>
                  <Table.Td>{d.temperature}</Table.Td>
                  <Table.Td className="mono">{rack?.name ?? "—"}</Table.Td>
                  <Table.Td className="mono">{b?.name ?? "—"}</Table.Td>
                  <Table.Td>{b ? `${b.rows} × ${b.columns} ${b.layout}` : ""}</Table.Td>
                  <Table.Td data-testid="occupancy">{b ? `${b.occupied} of ${b.capacity}` : ""}</Table.Td>
                  <Table.Td>
                    {path && (
                      <Button type="button" size="compact-sm" variant="default" onClick={() => setBox(path)}>
                        Show grid
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ListTable>
      )}
      <ErrorNote error={grid.error} />
      {box && grid.data && <BoxGrid grid={grid.data} />}
      {/* The storage area is the lab's and quality's: those the server lets define devices, racks and boxes. */}
      {user.areas.includes("storage") && devices.data && (
        <AddForms devices={list} onDone={() => void queries.invalidateQueries({ queryKey: ["storage"] })} />
      )}
    </section>
  );
}
