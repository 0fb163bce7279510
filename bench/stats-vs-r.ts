/**
 * Cradle against R on one 100,000-subject cohort, each as a whole process from reading the CSV to writing
 * every result: `cradle stats km --json` (Kaplan–Meier per group and the log-rank test) against
 * survival::survfit + summary + survdiff, and `cradle stats cif --json` (each cause's cumulative incidence per
 * group and Gray's test) against cmprsk::cuminc. Output goes to /dev/null on both sides. Median of 3 runs.
 * R is run only where Rscript and both packages are installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const R_KM = `
suppressMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
fit <- survfit(Surv(time, status > 0) ~ group, data = d)
s <- summary(fit)
write.csv(data.frame(group = s$strata, time = s$time, n.risk = s$n.risk, n.event = s$n.event,
  surv = s$surv, std.err = s$std.err, lower = s$lower, upper = s$upper), "/dev/null")
print(quantile(fit, 0.5))
print(survdiff(Surv(time, status > 0) ~ group, data = d))
`;
const R_CIF = `
suppressMessages(library(cmprsk))
d <- read.csv(commandArgs(TRUE)[1])
ci <- cuminc(d$time, d$status, d$group)
for (k in names(ci)[names(ci) != "Tests"]) write.csv(data.frame(ci[[k]]), "/dev/null")
print(ci$Tests)
`;

function run(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}
const median = (f: () => number) => {
  const xs = [f(), f(), f()].sort((a, b) => a - b);
  return xs[1] as number;
};

export function compareWithR(rows: { time: number; cause: number; group: number }[]): void {
  const dir = mkdtempSync(join(tmpdir(), "cradle-bench-stats-"));
  const csv = join(dir, "cohort.csv");
  writeFileSync(
    csv,
    `time,status,group\n${rows.map((r) => `${r.time},${r.cause},g${r.group}`).join("\n")}\n`,
  );
  writeFileSync(join(dir, "km.R"), R_KM);
  writeFileSync(join(dir, "cif.R"), R_CIF);
  const bin = join(import.meta.dirname, "..", "..", "bin", "cradle.js");
  const cols = ["--csv", csv, "--time", "time", "--status", "status", "--group", "group", "--json"];
  const hasR =
    spawnSync("Rscript", ["-e", "library(survival); library(cmprsk)"], { stdio: "ignore" }).status === 0;
  console.log(
    `\nWhole process, ${rows.length.toLocaleString("en")} subjects in 3 groups, median of 3 runs:\n`,
  );
  console.log("| analysis | Cradle | R | Cradle / R |");
  console.log("|---|---|---|---|");
  for (const [what, sub, script] of [
    ["Kaplan–Meier + log-rank (survfit, survdiff)", "km", "km.R"],
    ["cumulative incidence + Gray's test (cuminc)", "cif", "cif.R"],
  ] as const) {
    const cradle = median(() => run(process.execPath, [bin, "stats", sub, ...cols]));
    const r = hasR ? median(() => run("Rscript", [join(dir, script), csv])) : null;
    console.log(
      `| ${what} | ${(cradle / 1000).toFixed(2)} s | ${r === null ? "R not installed" : `${(r / 1000).toFixed(2)} s`} | ${r === null ? "—" : `${(cradle / r).toFixed(2)}×`} |`,
    );
  }
}
