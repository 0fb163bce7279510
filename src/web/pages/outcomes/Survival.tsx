/** Overall survival by group: Kaplan–Meier curves (95% log intervals, as survfit), medians, the log-rank test. */
import { Table, Title } from "@mantine/core";
import type { GroupTest } from "../../../outcomes/comparison-schemas";
import type { KmStep, OutcomesReport } from "../../../outcomes/report-schemas";
import { type Curve, CurveChart, ListTable, dayTicks } from "../../components";
import { TestResult } from "./Comparison";

const fmt = (v: number | null) => (v === null ? "not reached" : v.toFixed(0));

/** A curve from survfit's rows: every distinct time is a row, so the last row is the last observation. */
export function survivalCurve(name: string, steps: KmStep[], ticks: number[]): Curve {
  return {
    name,
    points: [
      { time: 0, value: 1, lower: 1, upper: 1 },
      ...steps.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper })),
    ],
    censored: steps.filter((s) => s.nCensor > 0).map((s) => ({ time: s.time, value: s.survival })),
    lastTime: steps[steps.length - 1]?.time ?? 0,
    // At risk at t: those whose time is t or later, the n.risk of the first row at or after t.
    atRisk: ticks.map((t) => steps.find((s) => s.time >= t)?.nRisk ?? 0),
  };
}

export function Survival({
  survival,
  test,
  csv,
}: {
  survival: OutcomesReport["survival"];
  test: GroupTest;
  csv: string;
}) {
  const groups = Object.entries(survival.groups);
  const last = Math.max(0, ...groups.map(([, s]) => s[s.length - 1]?.time ?? 0));
  const ticks = dayTicks(last);
  return (
    <>
      <Title order={2}>Overall survival</Title>
      {groups.length === 0 ? (
        <p>No treated patients in this population.</p>
      ) : (
        <CurveChart
          title="Overall survival (Kaplan–Meier, 95% CI)"
          curves={groups.map(([name, steps]) => survivalCurve(name, steps, ticks))}
          xLabel="Days since the first infusion"
          yLabel="Survival"
          ticks={ticks}
          file="cradle-survival.svg"
        />
      )}
      <ListTable className="list medians" head={["Group", "Median survival (days)", "95% CI"]}>
        <Table.Tbody>
          {Object.entries(survival.medians).map(([g, m]) => (
            <Table.Tr key={g}>
              <Table.Td>{g}</Table.Td>
              <Table.Td>{fmt(m.estimate)}</Table.Td>
              <Table.Td>
                {fmt(m.lower)} – {fmt(m.upper)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <TestResult test={test} testId="logrank" />
      <p>
        <a href={`/api/outcomes/report.csv?table=survival&${csv}`}>Survival table (CSV)</a>
      </p>
    </>
  );
}
