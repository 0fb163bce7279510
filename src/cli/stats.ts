/**
 * `cradle stats km` and `cradle stats cif`: survival and cumulative incidence from a CSV with a header, as
 * R's survfit/survdiff and cmprsk's cuminc compute them. Status 0 is censored, 1..k are event causes (any
 * cause counts as an event for Kaplan–Meier). A bad row is refused with its line, column and value.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse } from "csv-parse/sync";
import { CradleError } from "../errors.js";
import { cifAt, cumulativeIncidence, grayTest } from "../stats/cumulative-incidence.js";
import { type ConfType, kaplanMeier } from "../stats/kaplan-meier.js";
import { logRank } from "../stats/logrank.js";

interface Subject {
  time: number;
  status: number;
  group: string;
}

/** Reads the CSV into subjects, refusing a missing column or a bad value with the line that holds it. */
export function readSubjects(
  file: string,
  cols: { time: string; status: string; group?: string },
): Subject[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `--csv ${file}: ${(e as Error).message}`, {
      field: "csv",
      value: file,
    });
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `--csv ${file}: ${(e as Error).message}`, {
      field: "csv",
      value: file,
    });
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  for (const [opt, col] of [
    ["time", cols.time],
    ["status", cols.status],
    ["group", cols.group],
  ] as const) {
    if (col !== undefined && records.length > 0 && !header.includes(col)) {
      throw new CradleError(
        "INVALID_INPUT",
        `--${opt} "${col}" is not a column of ${file} (columns: ${header.join(", ")})`,
        {
          field: opt,
          value: col,
        },
      );
    }
  }
  if (records.length === 0)
    throw new CradleError("INVALID_INPUT", `--csv ${file} has no rows`, { field: "csv", value: file });
  return records.map((r, i) => {
    const line = i + 2;
    const rawTime = r[cols.time] ?? "";
    const time = Number(rawTime);
    if (rawTime === "" || !Number.isFinite(time) || time < 0) {
      throw new CradleError(
        "INVALID_INPUT",
        `${file} line ${line}: ${cols.time} "${rawTime}" is not a time of 0 or more`,
        {
          field: cols.time,
          value: rawTime,
          line,
        },
      );
    }
    const rawStatus = r[cols.status] ?? "";
    const status = Number(rawStatus);
    if (rawStatus === "" || !Number.isInteger(status) || status < 0) {
      throw new CradleError(
        "INVALID_INPUT",
        `${file} line ${line}: ${cols.status} "${rawStatus}" is not 0 (censored) or an event cause 1, 2, …`,
        { field: cols.status, value: rawStatus, line },
      );
    }
    return { time, status, group: cols.group ? (r[cols.group] ?? "") : "all" };
  });
}

/** Groups in sorted order, as R orders a factor's levels. */
function groupsOf(subjects: Subject[]): [string, Subject[]][] {
  const names = [...new Set(subjects.map((s) => s.group))].sort();
  return names.map((n) => [n, subjects.filter((s) => s.group === n)]);
}

export function kmReport(subjects: Subject[], confType: ConfType) {
  const groups = groupsOf(subjects);
  const out: Record<string, unknown[]> = {};
  const medians: Record<string, unknown> = {};
  for (const [name, members] of groups) {
    const curve = kaplanMeier(
      members.map((s) => ({ time: s.time, event: s.status > 0 })),
      { confType },
    );
    out[name] = curve.steps
      .filter((s) => s.nEvent > 0)
      .map(({ time, nRisk, nEvent, survival, stdErr, lower, upper }) => ({
        time,
        nRisk,
        nEvent,
        survival,
        stdErr,
        lower,
        upper,
      }));
    medians[name] = curve.median;
  }
  const logrank =
    groups.length > 1
      ? (({ chisq, df, p }) => ({ chisq, df, p }))(
          logRank(groups.map(([, m]) => m.map((s) => ({ time: s.time, event: s.status > 0 })))),
        )
      : null;
  return { confType, groups: out, medians, logrank };
}

export function cifReport(subjects: Subject[], at?: number[]) {
  const groups = groupsOf(subjects);
  const causes = [...new Set(subjects.map((s) => s.status).filter((s) => s > 0))].sort((a, b) => a - b);
  const curves = causes.flatMap((cause) =>
    groups.map(([group, members]) => {
      const curve = cumulativeIncidence(
        members.map((s) => ({ time: s.time, cause: s.status })),
        cause,
      );
      const points = at
        ? at.map((t) => cifAt(curve, t) ?? { time: t, estimate: null, variance: null })
        : curve.points;
      return { group, cause: String(cause), points };
    }),
  );
  const gray: Record<string, { stat: number; df: number; p: number }> = {};
  if (groups.length > 1) {
    for (const cause of causes) {
      gray[String(cause)] = grayTest(
        groups.map(([, m]) => m.map((s) => ({ time: s.time, cause: s.status }))),
        cause,
      );
    }
  }
  return { curves, gray };
}

const num = (x: number | null) => (x === null ? "NA" : x.toPrecision(6));

export function registerStatsCommands(program: Command): void {
  const stats = program.command("stats").description("survival and competing risks statistics from a CSV");
  stats
    .command("km")
    .description(
      "Kaplan–Meier with Greenwood standard errors and confidence intervals; log-rank test across groups",
    )
    .requiredOption("--csv <file>", "a CSV file with a header")
    .requiredOption("--time <column>", "follow-up time")
    .requiredOption("--status <column>", "0 censored, 1..k an event")
    .option("--group <column>", "compare groups")
    .option("--conf-type <type>", "log or log-log", "log")
    .option("--json", "print JSON")
    .action(
      (o: {
        csv: string;
        time: string;
        status: string;
        group?: string;
        confType: string;
        json?: boolean;
      }) => {
        if (o.confType !== "log" && o.confType !== "log-log") {
          throw new CradleError("INVALID_INPUT", `--conf-type "${o.confType}" is not log or log-log`, {
            field: "conf-type",
            value: o.confType,
          });
        }
        const report = kmReport(readSubjects(o.csv, o), o.confType);
        if (o.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        for (const [g, rows] of Object.entries(report.groups)) {
          console.log(`${g}: median ${JSON.stringify(report.medians[g])}`);
          console.log("  time  n.risk  n.event  survival  std.err  lower  upper");
          for (const r of rows as {
            time: number;
            nRisk: number;
            nEvent: number;
            survival: number;
            stdErr: number | null;
            lower: number | null;
            upper: number | null;
          }[]) {
            console.log(
              `  ${r.time}  ${r.nRisk}  ${r.nEvent}  ${num(r.survival)}  ${num(r.stdErr)}  ${num(r.lower)}  ${num(r.upper)}`,
            );
          }
        }
        if (report.logrank)
          console.log(
            `log-rank: chisq ${num(report.logrank.chisq)} on ${report.logrank.df} df, p = ${num(report.logrank.p)}`,
          );
      },
    );
  stats
    .command("cif")
    .description(
      "cumulative incidence per cause with competing risks (Aalen–Johansen, cmprsk's variance); Gray's test",
    )
    .requiredOption("--csv <file>", "a CSV file with a header")
    .requiredOption("--time <column>", "follow-up time")
    .requiredOption("--status <column>", "0 censored, 1..k the cause of the event")
    .option("--group <column>", "compare groups")
    .option("--at <times>", "report at these times, e.g. 100,365")
    .option("--json", "print JSON")
    .action(
      (o: { csv: string; time: string; status: string; group?: string; at?: string; json?: boolean }) => {
        const at = o.at?.split(",").map((t) => {
          const v = Number(t);
          if (t.trim() === "" || !Number.isFinite(v) || v < 0) {
            throw new CradleError("INVALID_INPUT", `--at "${t}" is not a time of 0 or more`, {
              field: "at",
              value: t,
            });
          }
          return v;
        });
        const report = cifReport(readSubjects(o.csv, o), at);
        if (o.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        for (const c of report.curves) {
          console.log(`${c.group}, cause ${c.cause}:`);
          for (const p of c.points) console.log(`  ${p.time}  ${num(p.estimate)}  var ${num(p.variance)}`);
        }
        for (const [cause, g] of Object.entries(report.gray)) {
          console.log(`Gray's test, cause ${cause}: ${num(g.stat)} on ${g.df} df, p = ${num(g.p)}`);
        }
      },
    );
}
