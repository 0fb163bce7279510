/**
 * Step curves drawn with recharts: Kaplan–Meier survival or cumulative incidence, each curve stopping at its
 * group's last observation (nothing is drawn where nobody is followed), censoring marked "+", light
 * confidence bands that can be hidden, Okabe–Ito colours with a dash pattern each, and the numbers at risk
 * at the tick times in a table whose rows are labelled with their groups. The figure downloads as SVG.
 */
import { Button, Checkbox, Group } from "@mantine/core";
import { useRef, useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, Scatter, XAxis, YAxis } from "recharts";
import { AtRiskTable } from "./AtRiskTable";
import { colourOf, dashOf } from "./curve-palette";

export interface Curve {
  name: string;
  /** Step corners from time 0: each value holds from its time to the next. */
  points: { time: number; value: number; lower: number | null; upper: number | null }[];
  /** Censoring times with the curve's value there. */
  censored: { time: number; value: number }[];
  /** The group's last observation: the curve is drawn to here and no further. */
  lastTime: number;
  /** Numbers at risk at the tick times. */
  atRisk: number[];
}

const W = 720;
const H = 320;

/** The step corners up to lastTime: the last value held to the last observation, none beyond. */
function drawn(c: Curve) {
  const pts = c.points.filter((p) => p.time <= c.lastTime);
  const last = pts[pts.length - 1];
  if (last && last.time < c.lastTime) pts.push({ ...last, time: c.lastTime });
  return pts.map((p) => ({
    time: p.time,
    value: p.value,
    band: p.lower === null || p.upper === null ? null : [p.lower, p.upper],
  }));
}

function plus(colour: string, group: string) {
  return (props: { cx?: number; cy?: number }) => {
    const { cx = 0, cy = 0 } = props;
    return (
      <path
        className="censor-mark"
        data-group={group}
        d={`M${cx - 4},${cy}h8M${cx},${cy - 4}v8`}
        stroke={colour}
        strokeWidth={1.5}
      />
    );
  };
}

export function CurveChart({
  title,
  curves,
  xLabel,
  yLabel,
  ticks,
  file,
}: {
  title: string;
  curves: Curve[];
  xLabel: string;
  yLabel: string;
  ticks: number[];
  file: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [bands, setBands] = useState(true);
  const xmax = Math.max(1, ...ticks, ...curves.map((c) => c.lastTime));
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <ul className="legend">
        {curves.map((c, i) => (
          <li key={c.name} data-group={c.name} data-last-time={c.lastTime}>
            <svg width={28} height={10} aria-hidden="true">
              <line
                x1={0}
                x2={28}
                y1={5}
                y2={5}
                stroke={colourOf(i)}
                strokeWidth={2}
                strokeDasharray={dashOf(i)}
              />
            </svg>{" "}
            {c.name} <span className="muted">(followed to day {Math.floor(c.lastTime)})</span>
          </li>
        ))}
      </ul>
      <div ref={ref} className="table-scroll">
        <ComposedChart width={W} height={H} margin={{ top: 8, right: 24, bottom: 28, left: 16 }}>
          <CartesianGrid stroke="#eee" />
          <XAxis
            type="number"
            dataKey="time"
            domain={[0, xmax]}
            ticks={ticks}
            allowDuplicatedCategory={false}
            label={{ value: xLabel, position: "insideBottom", offset: -16 }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            label={{ value: yLabel, angle: -90, position: "insideLeft" }}
          />
          {bands &&
            curves.map((c, i) => (
              <Area
                key={`band-${c.name}`}
                data={drawn(c)}
                dataKey="band"
                type="stepAfter"
                fill={colourOf(i)}
                fillOpacity={0.12}
                stroke="none"
                isAnimationActive={false}
                className="band"
              />
            ))}
          {curves.map((c, i) => (
            <Line
              key={`curve-${c.name}`}
              data={drawn(c)}
              dataKey="value"
              name={c.name}
              type="stepAfter"
              stroke={colourOf(i)}
              strokeWidth={2}
              strokeDasharray={dashOf(i)}
              dot={false}
              isAnimationActive={false}
              className={`curve curve-${i}`}
            />
          ))}
          {curves.map((c, i) => (
            <Scatter
              key={`censor-${c.name}`}
              data={c.censored.filter((p) => p.time <= c.lastTime)}
              dataKey="value"
              shape={plus(colourOf(i), c.name)}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </div>
      <AtRiskTable ticks={ticks} rows={curves.map((c) => ({ name: c.name, atRisk: c.atRisk }))} />
      <Group className="chart-controls" gap="md" mt="xs">
        <Checkbox
          label="Show 95% confidence bands"
          checked={bands}
          onChange={(e) => setBands(e.currentTarget.checked)}
        />
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          onClick={() => {
            const svg = ref.current?.querySelector("svg");
            if (!svg) return;
            svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
            const url = URL.createObjectURL(new Blob([svg.outerHTML], { type: "image/svg+xml" }));
            const a = document.createElement("a");
            a.href = url;
            a.download = file;
            a.click();
            URL.revokeObjectURL(url);
          }}
        >
          Download image (SVG)
        </Button>
      </Group>
    </figure>
  );
}
