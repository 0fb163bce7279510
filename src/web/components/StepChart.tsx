/**
 * Step curves as SVG: survival (Kaplan–Meier with its confidence band) or cumulative incidence, with the
 * numbers at risk under the axis, and a button that downloads the figure as an SVG image.
 */
import { useRef } from "react";

export interface Series {
  name: string;
  /** Step points: the value holds from each time to the next. */
  points: { time: number; value: number; lower?: number | null; upper?: number | null }[];
  /** Numbers at risk at the tick times (survival). */
  atRisk?: number[];
}

const COLOURS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910"];
const W = 640;
const H = 300;
const M = { left: 56, right: 16, top: 16, bottom: 40 };

export function StepChart({
  title,
  series,
  xLabel,
  yLabel,
  ticks,
  file,
}: {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  ticks: number[];
  file: string;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const xmax = Math.max(1, ...ticks, ...series.flatMap((s) => s.points.map((p) => p.time)));
  const x = (t: number) => M.left + ((W - M.left - M.right) * t) / xmax;
  const y = (v: number) => M.top + (H - M.top - M.bottom) * (1 - v);
  const path = (pts: { time: number; v: number }[]) =>
    `${pts.map((p, i) => (i === 0 ? `M${x(p.time)},${y(p.v)}` : `H${x(p.time)}V${y(p.v)}`)).join("")}H${x(xmax)}`;
  /** The corners of a bound's step function, each value held until the next time (or the axis' end). */
  const steps = (pts: Series["points"], key: "lower" | "upper"): [number, number][] =>
    pts.flatMap((p, k) => [
      [p.time, p[key] as number],
      [pts[k + 1]?.time ?? xmax, p[key] as number],
    ]);
  const rows = series.filter((s) => s.atRisk).length;
  const height = H + rows * 16 + (rows ? 20 : 0);
  return (
    <figure className="chart">
      <svg
        ref={ref}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${W} ${height}`}
        width={W}
        height={height}
        role="img"
        aria-label={title}
      >
        <rect x={0} y={0} width={W} height={height} fill="#fff" />
        <text x={M.left} y={12} fontSize={12} fontWeight={600}>
          {title}
        </text>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#eee" />
            <text x={M.left - 6} y={y(v) + 4} fontSize={10} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 14} fontSize={10} textAnchor="middle">
            {t}
          </text>
        ))}
        <text x={(W + M.left) / 2} y={H - 6} fontSize={11} textAnchor="middle">
          {xLabel}
        </text>
        <text x={12} y={H / 2} fontSize={11} textAnchor="middle" transform={`rotate(-90 12 ${H / 2})`}>
          {yLabel}
        </text>
        {series.map((s, i) => {
          const colour = COLOURS[i % COLOURS.length];
          const band = s.points.filter((p) => p.lower != null && p.upper != null);
          return (
            <g key={s.name}>
              {band.length > 1 && (
                <polygon
                  points={[...steps(band, "upper"), ...steps(band, "lower").reverse()]
                    .map(([a, b]) => `${x(a)},${y(b)}`)
                    .join(" ")}
                  fill={colour}
                  opacity={0.12}
                />
              )}
              <path
                d={path(s.points.map((p) => ({ time: p.time, v: p.value })))}
                fill="none"
                stroke={colour}
                strokeWidth={2}
              />
              <text x={W - M.right - 4} y={M.top + 14 + i * 14} fontSize={11} textAnchor="end" fill={colour}>
                {s.name}
              </text>
            </g>
          );
        })}
        {rows > 0 && (
          <text x={4} y={H + 12} fontSize={10} fontWeight={600}>
            At risk
          </text>
        )}
        {series
          .filter((s) => s.atRisk)
          .map((s, i) => (
            <g key={s.name}>
              {(s.atRisk ?? []).map((n, k) => (
                <text
                  key={ticks[k]}
                  x={x(ticks[k] as number)}
                  y={H + 28 + i * 16}
                  fontSize={10}
                  textAnchor="middle"
                  fill={COLOURS[i % COLOURS.length]}
                >
                  {n}
                </text>
              ))}
            </g>
          ))}
      </svg>
      <figcaption>
        <button
          type="button"
          onClick={() => {
            const svg = ref.current?.outerHTML ?? "";
            const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
            const a = document.createElement("a");
            a.href = url;
            a.download = file;
            a.click();
            URL.revokeObjectURL(url);
          }}
        >
          Download image (SVG)
        </button>
      </figcaption>
    </figure>
  );
}
