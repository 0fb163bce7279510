/**
 * Choosing a storage slot from the model: device, rack and box selects, then the box's grid, whose free
 * slots pick the position (its canonical key). Used by the product page's Store and Move steps.
 */
import { Group, NativeSelect, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api";
import { ErrorNote } from "../../components";
import { BoxGrid } from "./BoxGrid";

/** Device → rack → box selects and the chosen box's grid; a free slot picked fills the position. */
export function PositionPicker({ position, onPick }: { position: string; onPick: (key: string) => void }) {
  const devices = useQuery({ queryKey: ["storage"], queryFn: () => api.storageDevices() });
  const [device, setDevice] = useState("");
  const [rack, setRack] = useState("");
  const [box, setBox] = useState("");
  const d = devices.data?.find((x) => x.name === device);
  const r = d?.racks.find((x) => x.name === rack);
  const path = device && rack && box ? `${device}/${rack}/${box}` : undefined;
  const grid = useQuery({
    queryKey: ["storage", "grid", path],
    queryFn: () => api.boxGrid(path ?? ""),
    enabled: path !== undefined,
  });
  const names = (xs: { name: string }[] | undefined) => [
    { value: "", label: "—" },
    ...(xs ?? []).map((x) => x.name),
  ];
  return (
    <Stack gap={4}>
      <Group gap="xs" grow>
        <NativeSelect
          label="Device"
          value={device}
          data={(devices.data ?? []).length ? names(devices.data) : [{ value: "", label: "none defined" }]}
          onChange={(e) => {
            setDevice(e.currentTarget.value);
            setRack("");
            setBox("");
          }}
        />
        <NativeSelect
          label="Rack"
          value={rack}
          data={names(d?.racks)}
          onChange={(e) => {
            setRack(e.currentTarget.value);
            setBox("");
          }}
        />
        <NativeSelect
          label="Box"
          value={box}
          data={[
            { value: "", label: "—" },
            ...(r?.boxes ?? []).map((b) => ({
              value: b.name,
              label: `${b.name} (${b.capacity - b.occupied} free)`,
            })),
          ]}
          onChange={(e) => setBox(e.currentTarget.value)}
        />
      </Group>
      <ErrorNote error={devices.error ?? grid.error} />
      {path && grid.data && <BoxGrid grid={grid.data} onPick={(c) => onPick(c.key)} picked={position} />}
    </Stack>
  );
}
