/**
 * A shipment's temperatures over time (recharts, loaded with this module only when a log is shown): the
 * readings as a line, the storage limit(s) as dashed lines, each excursion shaded with its readings marked.
 * Times are hours since the first reading, so the axis reads the same in every zone.
 */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  Scatter,
  XAxis,
  YAxis,
} from "recharts";
import type { ShipmentTemperatures } from "../../../bank/schemas.js";

const W = 680;
const H = 280;
// Okabe–Ito blue for the readings, vermillion for what is outside (curve-palette.ts), black for limits.
const READING = "#0072B2";
const OUTSIDE = "#D55E00";

export function TemperaturePlot({ log }: { log: ShipmentTemperatures }) {
  const t0 = Date.parse(log.readings[0]?.recordedAt ?? log.shippedAt);
  const hours = (iso: string) => Math.round(((Date.parse(iso) - t0) / 3_600_000) * 1000) / 1000;
  const points = log.readings.map((r) => ({ hours: hours(r.recordedAt), celsius: r.celsius }));
  const outside = log.readings
    .filter((r) => r.celsius > log.maxCelsius || (log.minCelsius !== null && r.celsius < log.minCelsius))
    .map((r) => ({ hours: hours(r.recordedAt), celsius: r.celsius }));
  const values = [...log.readings.map((r) => r.celsius), log.maxCelsius, log.minCelsius ?? log.maxCelsius];
  const lo = Math.floor((Math.min(...values) - 5) / 10) * 10;
  const hi = Math.ceil((Math.max(...values) + 5) / 10) * 10;
  return (
    <div className="table-scroll">
      <ComposedChart
        width={W}
        height={H}
        margin={{ top: 8, right: 24, bottom: 28, left: 16 }}
        className="temperature-plot"
      >
        <CartesianGrid stroke="#eee" />
        <XAxis
          type="number"
          dataKey="hours"
          domain={["dataMin", "dataMax"]}
          label={{ value: "hours since the first reading", position: "insideBottom", offset: -16 }}
        />
        <YAxis type="number" domain={[lo, hi]} label={{ value: "°C", angle: -90, position: "insideLeft" }} />
        {log.excursions.map((x) => (
          <ReferenceArea
            key={x.from}
            x1={hours(x.from)}
            x2={hours(x.to) === hours(x.from) ? hours(x.from) + 0.01 : hours(x.to)}
            fill={OUTSIDE}
            fillOpacity={0.15}
            className="excursion-area"
          />
        ))}
        <ReferenceLine
          y={log.maxCelsius}
          stroke="#000"
          strokeDasharray="6 3"
          label={{ value: `limit ${log.maxCelsius} °C`, position: "insideTopRight" }}
          className="limit"
        />
        {log.minCelsius !== null && (
          <ReferenceLine
            y={log.minCelsius}
            stroke="#000"
            strokeDasharray="6 3"
            label={{ value: `limit ${log.minCelsius} °C`, position: "insideBottomRight" }}
            className="limit"
          />
        )}
        <Line
          data={points}
          dataKey="celsius"
          stroke={READING}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          className="readings"
        />
        <Scatter
          data={outside}
          dataKey="celsius"
          fill={OUTSIDE}
          isAnimationActive={false}
          className="outside"
        />
      </ComposedChart>
    </div>
  );
}
