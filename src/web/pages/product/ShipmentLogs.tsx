/**
 * The product's shipments with their temperature logs: each logged shipment's plot (its own chunk with
 * recharts, loaded only here and on Outcomes) and its excursions in words; a shipment without a log says so.
 */
import { Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Suspense, lazy } from "react";
import { api } from "../../api";
import { ErrorNote, when } from "../../components";
import { ExcursionList } from "./ExcursionList";

const TemperaturePlot = lazy(async () => ({ default: (await import("./TemperaturePlot")).TemperaturePlot }));

export function ShipmentLogs({ din, code }: { din: string; code: string | undefined }) {
  const { data, error } = useQuery({
    queryKey: ["product", din, code, "temperatures"],
    queryFn: () => api.temperatures(din, code),
  });
  if (error) return <ErrorNote error={error} />;
  if (!data || data.length === 0) return null;
  return (
    <>
      <Title order={2}>Shipment temperatures</Title>
      {data.map((log) => (
        <figure
          key={log.shipmentId}
          className="chart temperature-log"
          aria-label={`Temperatures of the shipment of ${when(log.shippedAt)}`}
        >
          <figcaption className="chart-title">
            Shipped {when(log.shippedAt)}: limit {log.maxCelsius} °C
            {log.minCelsius === null ? "" : ` to ${log.minCelsius} °C`}, {log.readings.length} readings
          </figcaption>
          {log.readings.length === 0 ? (
            <p>No temperature log uploaded yet.</p>
          ) : (
            <>
              <Suspense fallback={<p className="loading">Loading the plot…</p>}>
                <TemperaturePlot log={log} />
              </Suspense>
              <ExcursionList excursions={log.excursions} />
            </>
          )}
        </figure>
      ))}
    </>
  );
}
