/** Neutrophil engraftment after transplant: cumulative incidence by group (death competing), Gray's test. */
import { Table, Title } from "@mantine/core";
import type { GroupTest } from "../../../outcomes/comparison-schemas";
import type { OutcomesReport } from "../../../outcomes/report-schemas";
import { CurveChart, ListTable } from "../../components";
import { TestResult } from "./Comparison";

/** The server's at-risk ticks (ENGRAFTMENT_TICKS): its counts are at these days. */
const TICKS = [0, 14, 28, 42, 60];

/** The incidence just after t: the last jump at or before t (the curve is right-continuous). */
const valueAt = (points: OutcomesReport["engraftment"][number]["points"], t: number) =>
  points.reduce((v, p) => (p.time <= t ? p.estimate : v), 0);

export function Engraftment({ report, test, csv }: { report: OutcomesReport; test: GroupTest; csv: string }) {
  const timing = report.engraftmentTiming;
  return (
    <>
      <Title order={2}>Neutrophil engraftment after transplant</Title>
      {report.engraftment.length === 0 ? (
        <p>No transplants in this population.</p>
      ) : (
        <CurveChart
          title="Neutrophil engraftment: cumulative incidence (95% CI), death competing"
          curves={report.engraftment.map((c) => ({
            name: c.group,
            points: c.points.map((p) => ({
              time: p.time,
              value: p.estimate,
              lower: p.lower,
              upper: p.upper,
            })),
            censored: c.censored.map((t) => ({ time: t, value: valueAt(c.points, t) })),
            lastTime: c.lastTime,
            atRisk: c.atRisk,
          }))}
          xLabel="Days after day 0"
          yLabel="Cumulative incidence"
          ticks={TICKS.filter((t) => t <= Math.max(60, ...report.engraftment.map((c) => c.lastTime)))}
          file="cradle-engraftment.svg"
        />
      )}
      <TestResult test={test} testId="gray" />
      <ListTable className="list timing" head={["Engraftment", "Reached", "Median day", "Range"]}>
        <Table.Tbody>
          {(["neutrophil", "platelet"] as const).map((k) => {
            const t = timing[k];
            return (
              <Table.Tr key={k}>
                <Table.Td>
                  {k === "neutrophil"
                    ? "Neutrophils (ANC ≥ 0.5×10^9/L)"
                    : "Platelets (≥ 20×10^9/L, unsupported)"}
                </Table.Td>
                <Table.Td>
                  {t.reached} of {t.of}
                </Table.Td>
                <Table.Td className="num">{t.median ?? "—"}</Table.Td>
                <Table.Td>{t.min === null ? "—" : `${t.min}–${t.max}`}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ListTable>
      <p>
        <a href={`/api/outcomes/report.csv?table=engraftment&${csv}`}>Engraftment table (CSV)</a>
      </p>
    </>
  );
}
