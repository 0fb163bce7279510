import type { KmStep } from "../../outcomes/report-schemas";
/**
 * The program's outcomes: overall survival by protocol (Kaplan–Meier, 95% log intervals, numbers at risk,
 * medians and the log-rank test), neutrophil engraftment after transplant (cumulative incidence, death
 * competing), and adverse events by grade; each as CSV and as an image. Researchers get the de-identified
 * export here.
 */
import { type User, api } from "../api";
import { ErrorNote, type Series, StepChart } from "../components";
import { useLoad } from "../use-load";

const fmt = (v: number | null) => (v === null ? "not reached" : v.toFixed(0));

function survivalSeries(name: string, steps: KmStep[], ticks: number[]): Series {
  return {
    name,
    points: [
      { time: 0, value: 1, lower: 1, upper: 1 },
      ...steps.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper })),
    ],
    atRisk: ticks.map((t) => steps.find((s) => s.time >= t)?.nRisk ?? 0),
  };
}

function Report() {
  const { data, error } = useLoad(() => api.outcomesReport(), []);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const groups = Object.entries(data.survival.groups);
  const longest = Math.max(0, ...groups.flatMap(([, s]) => s.map((x) => x.time)));
  const ticks = [0, 180, 365, 730, 1095].filter((t, i) => i < 2 || t <= longest + 180);
  return (
    <>
      <p>
        {data.patients} treated patients, as of {data.asOf.replace("T", " ").slice(0, 16)} UTC. Time zero is
        the first infusion.
      </p>
      <h2>Overall survival</h2>
      <StepChart
        title="Overall survival by protocol (Kaplan–Meier, 95% CI)"
        series={groups.map(([name, steps]) => survivalSeries(name, steps, ticks))}
        xLabel="Days since the first infusion"
        yLabel="Survival"
        ticks={ticks}
        file="cradle-survival.svg"
      />
      <table className="list">
        <thead>
          <tr>
            <th>Protocol</th>
            <th>Median survival (days)</th>
            <th>95% CI</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(data.survival.medians).map(([g, m]) => (
            <tr key={g}>
              <td>{g}</td>
              <td>{fmt(m.estimate)}</td>
              <td>
                {fmt(m.lower)} – {fmt(m.upper)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.survival.logrank && (
        <p data-testid="logrank">
          Log-rank test: χ² = {data.survival.logrank.chisq.toFixed(3)} on {data.survival.logrank.df} df, p ={" "}
          {data.survival.logrank.p.toFixed(4)}
        </p>
      )}
      <p>
        <a href="/api/outcomes/report.csv?table=survival">Survival table (CSV)</a>
      </p>
      <h2>Neutrophil engraftment after transplant</h2>
      {data.engraftment.length === 0 ? (
        <p>No transplants yet.</p>
      ) : (
        <StepChart
          title="Neutrophil engraftment: cumulative incidence (95% CI), death competing"
          series={data.engraftment.map((c) => ({
            name: c.group,
            points: c.points.map((p) => ({
              time: p.time,
              value: p.estimate,
              lower: p.lower ?? p.estimate,
              upper: p.upper ?? p.estimate,
            })),
            atRisk: c.atRisk,
          }))}
          xLabel="Days after day 0"
          yLabel="Cumulative incidence"
          ticks={[0, 14, 28, 42, 60]}
          file="cradle-engraftment.svg"
        />
      )}
      <table className="list timing">
        <thead>
          <tr>
            <th>Engraftment</th>
            <th>Reached</th>
            <th>Median day</th>
            <th>Range</th>
          </tr>
        </thead>
        <tbody>
          {(["neutrophil", "platelet"] as const).map((k) => {
            const t = data.engraftmentTiming[k];
            return (
              <tr key={k}>
                <td>
                  {k === "neutrophil"
                    ? "Neutrophils (ANC ≥ 0.5×10^9/L)"
                    : "Platelets (≥ 20×10^9/L, unsupported)"}
                </td>
                <td>
                  {t.reached} of {t.of}
                </td>
                <td className="num">{t.median ?? "—"}</td>
                <td>{t.min === null ? "—" : `${t.min}–${t.max}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <a href="/api/outcomes/report.csv?table=engraftment">Engraftment table (CSV)</a>
      </p>
      <h2>Adverse events by grade (CTCAE v5)</h2>
      <table className="list ae">
        <thead>
          <tr>
            <th>Term</th>
            {[1, 2, 3, 4, 5].map((g) => (
              <th key={g}>Grade {g}</th>
            ))}
            <th>Serious</th>
          </tr>
        </thead>
        <tbody>
          {data.adverseEvents.map((r) => (
            <tr key={r.term}>
              <td>{r.term}</td>
              {r.grades.map((n, g) => (
                <td key={`${r.term}-${g + 1}`} className="num">
                  {n}
                </td>
              ))}
              <td className="num">{r.serious}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/api/outcomes/report.csv?table=adverse-events">Adverse events (CSV)</a>
      </p>
    </>
  );
}

/** The server says what the user may do here; the page keeps no copy of the roles. */
export function Outcomes(_props: { user: User }) {
  const { data, error } = useLoad(() => api.outcomeActions(), []);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const reads = data.actions.includes("readOutcomes");
  const exports = data.actions.includes("researchExport");
  return (
    <section>
      <h1>Outcomes</h1>
      {reads && <Report />}
      {exports && (
        <>
          <h2>Research export</h2>
          <p>
            De-identified: subjects are pseudonyms, dates are shifted by one offset per patient, and records
            without a research consent in force are left out.
          </p>
          <p>
            <a href="/api/research/export?format=csv">Download CSV</a> ·{" "}
            <a href="/api/research/export?format=json">Download JSON</a>
          </p>
        </>
      )}
    </section>
  );
}
