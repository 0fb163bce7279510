/**
 * `cradle patient`, `cradle therapy due`, `cradle outcomes report` and `cradle research export`: the
 * treatment and follow-up records from the command line. Patient records are identified health data, so
 * every command signs the user in and the services check the role, as over HTTP.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { config } from "../config/index.js";
import {
  EXPORT_FORMATS,
  ExportOptionsSchema,
  GROUPINGS,
  REPORT_TABLES,
  ReportOptionsSchema,
  exportCsv,
  exportKeyFrom,
  outcomesReport,
  patientOutcomes,
  reportCsv,
  researchExport,
  testLine,
} from "../outcomes/index.js";
import { listPatients } from "../therapy/index.js";
import { dueDoses } from "../therapy/index.js";
import { patientRecord } from "../therapy/index.js";
import { DueQuerySchema, PatientQuerySchema } from "../therapy/schemas.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { openReference } from "./reference.js";
import { type UserOption, asUser } from "./session.js";

interface Options extends UserOption {
  json?: boolean;
}

const print = (o: Options, value: unknown, text: string) =>
  console.log(o.json ? JSON.stringify(value, null, 2) : text);
const utc = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "—");

export function registerPatientCommands(program: Command): void {
  const patient = program.command("patient").description("infant patients (sign-in needed: identified data)");
  patient
    .command("list")
    .description("patients, youngest first")
    .option("--search <text>", "MRN or name")
    .option("--limit <n>", "at most this many (1 to 500)", "500")
    .option("--offset <n>", "skip this many first")
    .option("--user <name>", "who you are (else CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & { search?: string }) => {
      const query = optionsInput(PatientQuerySchema, { ...o }, ["search", "limit", "offset"]);
      const page = await asUser(o, (store, act) => listPatients(store, query, act));
      print(
        o,
        page,
        [
          ...page.items.map(
            (p) => `${p.mrn}  ${p.familyName}, ${p.givenName}  born ${utc(p.birthAt)}  ${p.icd10}`,
          ),
          `${page.items.length} of ${page.total}`,
        ].join("\n"),
      );
    });
  patient
    .command("show")
    .description("a patient's record: plans and doses, infusions, consents, follow-up and adverse events")
    .argument("<mrn>")
    .option("--user <name>", "who you are (else CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (mrn: string, o: Options) => {
      const r = await asUser(o, async (store, act) => {
        // Each service checks the reader's role: therapy for the record, outcomes for follow-up.
        return {
          ...(await patientRecord(store, mrn, act)),
          ...(await patientOutcomes(store, mrn, act)),
        };
      });
      const p = r.patient;
      const lines = [
        `${p.mrn}  ${p.familyName}, ${p.givenName}  ${p.sex}  born ${utc(p.birthAt)} (${p.birthOffset})  GA ${p.gestationalWeeks}+${p.gestationalDays}  ${p.birthWeightGrams} g`,
        `diagnosis ${p.icd10} ${p.diagnosis}`,
        ...r.plans.flatMap((plan, i) => [
          `plan ${plan.protocolId} v${plan.protocolVersion} ${plan.state}`,
          ...plan.doses.map((d) => `  dose ${d.number}: ${d.state}, ${utc(d.earliest)} to ${utc(d.latest)}`),
          ...(r.followUp[i]?.visits ?? []).map((v) => `  visit ${v.visit}: ${v.state}, due ${utc(v.dueAt)}`),
        ]),
        ...r.infusions.map((x) => `infusion ${utc(x.startedAt)} ${x.productId} ${x.volumeMl} mL ${x.route}`),
        ...r.consents.map(
          (c) =>
            `consent ${c.scope} ${c.document} v${c.documentVersion}${c.withdrawnAt ? ` withdrawn ${utc(c.withdrawnAt)}` : ""}`,
        ),
        ...r.adverseEvents.map(
          (e) =>
            `adverse event ${e.term} grade ${e.grade}${e.serious ? " serious" : ""}${e.expedited ? `, expedited report due ${utc(e.reportDueAt)}` : ""}`,
        ),
      ];
      print(o, r, lines.join("\n"));
    });

  program
    .command("therapy")
    .description("treatment")
    .command("due")
    .description("doses due, overdue or opening within the horizon (72 hours), most urgent first")
    .option("--horizon-hours <h>", "how many hours ahead to look (1 to 720)")
    .option("--user <name>", "who you are (else CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options) => {
      const query = optionsInput(DueQuerySchema, { ...o }, ["horizonHours"]);
      const items = await asUser(o, (store, act) => dueDoses(store, act, query));
      print(
        o,
        items,
        items
          .map(
            (d) =>
              `${d.mrn}  ${d.name}  ${d.protocolId} dose ${d.number}: ${d.state}, closes ${utc(d.latest)}`,
          )
          .join("\n") || "nothing due",
      );
    });

  program
    .command("outcomes")
    .description("follow-up and outcomes")
    .command("report")
    .description("survival, engraftment and adverse events of the program")
    .option("--csv <table>", oneOfHelp("one table as CSV", REPORT_TABLES))
    .option("--group-by <grouping>", oneOfHelp("how plans are grouped", GROUPINGS))
    .option("--protocol <id>", "the population: one protocol's plans")
    .option("--indication <indication>", "the population: one indication's plans")
    .option("--user <name>", "who you are (else CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & { csv?: string }) => {
      const { csv, ...query } = optionsInput(ReportOptionsSchema, { ...o }, [
        "csv",
        "groupBy",
        "protocol",
        "indication",
      ]);
      // Grouping by the graft's HLA match grades typings: open the release the server uses.
      const grading = query.groupBy === "hla-match" ? { hla: (await openReference({})).engine } : {};
      const report = await asUser(o, (store, act) => outcomesReport(store, act, query, grading));
      if (csv) {
        process.stdout.write(reportCsv(report, csv));
        return;
      }
      const lines = [
        `${report.patients} treated patients as of ${utc(report.asOf)}`,
        ...Object.entries(report.survival.medians).map(
          ([g, m]) =>
            `${g}: median survival ${m.estimate === null ? "not reached" : `${m.estimate.toFixed(0)} days`}`,
        ),
        ...[report.comparison.survival, report.comparison.engraftment].map((t) => testLine(t)),
        ...report.adverseEvents.map(
          (a) => `${a.term}: grades 1-5 ${a.grades.join("/")}, serious ${a.serious}`,
        ),
      ];
      print(o, report, lines.join("\n"));
    });

  program
    .command("research")
    .description("research data")
    .command("export")
    .description(
      "the de-identified export (researchers, quality managers); the key comes from CRADLE_EXPORT_KEY",
    )
    .option("--format <format>", oneOfHelp("format", EXPORT_FORMATS), "csv")
    .option("--out <file>", "write to a file instead of standard output")
    .option("--user <name>", "who you are (else CRADLE_USER)")
    .action(async (o: UserOption & { format: string; out?: string }) => {
      const opts = optionsInput(ExportOptionsSchema, { ...o }, ["format", "out"]);
      // One policy (outcomes/export-key.ts): a command needs the program's key.
      const { key } = exportKeyFrom(config().exportKey, "command");
      const out = await asUser(o, (store, act) => researchExport(store, key, act));
      const text = opts.format === "csv" ? exportCsv(out.records) : `${JSON.stringify(out, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
      console.error(
        `${out.records.length} records exported, ${out.excluded} left out (no research consent in force)`,
      );
    });
}
