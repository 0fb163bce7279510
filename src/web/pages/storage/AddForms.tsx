/**
 * Defining storage (lab and quality): a device, a rack in a device, a box in a rack with its grid. The
 * server upper-cases names, refuses a name already used there, and names the field of any refusal.
 */
import { SimpleGrid } from "@mantine/core";
import type { StorageDevice } from "../../../bank/storage-schemas.js";
import { api } from "../../api";
import { BOX_LAYOUTS, DEVICE_KINDS, STORAGE_KINDS } from "../../bank-lists";
import { Form } from "../../components";

export function AddForms({ devices, onDone }: { devices: StorageDevice[]; onDone: () => void }) {
  const deviceNames = devices.map((d) => d.name);
  const rackNames = [...new Set(devices.flatMap((d) => d.racks.map((r) => r.name)))];
  // The form's values are the API's; the server checks each (a text where a number goes is its refusal).
  const send = async <T,>(call: Promise<T>, what: string) => {
    await call;
    onDone();
    return `${what} defined`;
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" my="sm">
      <Form
        title="Add a device"
        button="Add device"
        fields={[
          { name: "name", label: "Name", required: true, placeholder: "LN2-01" },
          { name: "kind", label: "Kind", required: true, options: DEVICE_KINDS },
          { name: "temperature", label: "Keeps", required: true, options: STORAGE_KINDS },
        ]}
        onSubmit={(b) => send(api.addDevice(b as never), `device ${String(b.name).toUpperCase()}`)}
      />
      <Form
        title="Add a rack"
        button="Add rack"
        fields={[
          { name: "device", label: "Device", required: true, options: deviceNames },
          { name: "name", label: "Name", required: true, placeholder: "R01" },
        ]}
        onSubmit={(b) => send(api.addRack(b as never), `rack ${String(b.name).toUpperCase()}`)}
      />
      <Form
        title="Add a box"
        button="Add box"
        fields={[
          { name: "device", label: "Device", required: true, options: deviceNames },
          { name: "rack", label: "Rack", required: true, options: rackNames },
          { name: "name", label: "Name", required: true, placeholder: "B01" },
          { name: "rows", label: "Rows", type: "number", required: true, placeholder: "10" },
          { name: "columns", label: "Columns", type: "number", required: true, placeholder: "10" },
          { name: "layout", label: "Positions", options: BOX_LAYOUTS },
        ]}
        onSubmit={(b) => send(api.addBox(b as never), `box ${String(b.name).toUpperCase()}`)}
      />
    </SimpleGrid>
  );
}
