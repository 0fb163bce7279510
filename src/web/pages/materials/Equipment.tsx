/** Equipment by asset id with its calibration and maintenance due dates; define one, record a calibration. */
import { SimpleGrid, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { EQUIPMENT_KINDS, SERVICE_KINDS } from "../../bank-lists";
import { ErrorNote, Form, ListTable } from "../../components";

export function Equipment() {
  const queries = useQueryClient();
  const equipment = useQuery({ queryKey: ["equipment"], queryFn: () => api.equipment() });
  const done = () => void queries.invalidateQueries({ queryKey: ["equipment"] });
  const list = equipment.data ?? [];
  return (
    <>
      <Title order={2}>Equipment</Title>
      <ErrorNote error={equipment.error} />
      {equipment.data && list.length === 0 && <p>No equipment is defined yet.</p>}
      {list.length > 0 && (
        <ListTable
          className="list"
          aria-label="Equipment"
          head={[
            "Asset",
            "Kind",
            "Model",
            "Serial",
            "Storage device",
            "Calibration due",
            "Maintenance due",
            "Last record",
          ]}
        >
          <Table.Tbody>
            {list.map((e) => (
              <Table.Tr key={e.id} data-asset={e.assetId}>
                <Table.Td className="mono">{e.assetId}</Table.Td>
                <Table.Td>{e.kind}</Table.Td>
                <Table.Td>{e.model}</Table.Td>
                <Table.Td className="mono">{e.serial}</Table.Td>
                <Table.Td className="mono">{e.storageDevice ?? "—"}</Table.Td>
                <Table.Td data-testid="calibration-due">{e.calibrationDue}</Table.Td>
                <Table.Td>{e.maintenanceDue}</Table.Td>
                <Table.Td>
                  {e.services[0]
                    ? `${e.services[0].kind} ${e.services[0].performedOn} by ${e.services[0].performedBy}`
                    : "—"}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" my="sm">
        <Form
          title="Add equipment"
          button="Add equipment"
          fields={[
            { name: "assetId", label: "Asset id", required: true, placeholder: "CENT-02" },
            { name: "kind", label: "Kind", required: true, options: EQUIPMENT_KINDS },
            { name: "model", label: "Model", required: true },
            { name: "serial", label: "Serial number", required: true },
            { name: "storageDevice", label: "Storage device it is (optional)", placeholder: "LN2-01" },
            { name: "calibrationDue", label: "Calibration due (YYYY-MM-DD)", required: true },
            { name: "maintenanceDue", label: "Maintenance due (YYYY-MM-DD)", required: true },
          ]}
          onSubmit={async (b) => {
            const e = await api.addEquipment(b as never);
            done();
            return `${e.assetId} defined`;
          }}
        />
        <Form
          title="Record a calibration or maintenance"
          button="Record"
          fields={[
            { name: "assetId", label: "Equipment", required: true, options: list.map((e) => e.assetId) },
            { name: "kind", label: "Kind", required: true, options: SERVICE_KINDS },
            { name: "performedOn", label: "Performed on (YYYY-MM-DD)", required: true },
            { name: "nextDue", label: "Next due (YYYY-MM-DD)", required: true },
            { name: "notes", label: "Notes" },
          ]}
          onSubmit={async ({ assetId, ...b }) => {
            const e = await api.recordService(String(assetId ?? ""), b as never);
            done();
            return `${e.assetId}: calibration due ${e.calibrationDue}, maintenance due ${e.maintenanceDue}`;
          }}
        />
      </SimpleGrid>
    </>
  );
}
