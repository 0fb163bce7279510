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

/** Wall-clock and CPU (user + system) seconds of one whole process, measured by bash's `time`. */
function run(cmd: string, args: string[]): { wall: number; cpu: number } {
  const quoted = [cmd, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const r = spawnSync("bash", ["-c", `TIMEFORMAT='%R %U %S'; time ${quoted} > /dev/null 2> "$ERR"`], {
    env: { ...process.env, ERR: "/dev/null" },
    encoding: "utf8",
  });
  const [wall, user, sys] = r.stderr.trim().split(/\s+/).slice(-3).map(Number) as [number, number, number];
  if (r.status !== 0 || !Number.isFinite(wall))
    throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return { wall, cpu: user + sys };
}
/** The median of 3 runs, by wall-clock time and by CPU time separately. */
const median = (f: () => { wall: number; cpu: number }) => {
  const xs = [f(), f(), f()];
  const mid = (v: number[]) => v.sort((a, b) => a - b)[1] as number;
  return { wall: mid(xs.map((x) => x.wall)), cpu: mid(xs.map((x) => x.cpu)) };
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
  console.log("| analysis | Cradle wall / CPU | R wall / CPU | Cradle / R, wall / CPU |");
  console.log("|---|---|---|---|");
  for (const [what, sub, script] of [
    ["Kaplan–Meier + log-rank (survfit, survdiff)", "km", "km.R"],
    ["cumulative incidence + Gray's test (cuminc)", "cif", "cif.R"],
  ] as const) {
    const cradle = median(() => run(process.execPath, [bin, "stats", sub, ...cols]));
    const r = hasR ? median(() => run("Rscript", [join(dir, script), csv])) : null;
    const both = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(2)} s / ${x.cpu.toFixed(2)} s`;
    console.log(
      `| ${what} | ${both(cradle)} | ${r ? both(r) : "R not installed"} | ${r ? `${(cradle.wall / r.wall).toFixed(2)}× / ${(cradle.cpu / r.cpu).toFixed(2)}×` : "—"} |`,
    );
  }
}
