/**
 * `cradle quality …`: the bank's quality system from the command line. Import a CSV of a freezer's or
 * tank's readings (as the monitoring software exported it; idempotent by reading time), and run the alarm
 * sweep (silent sensors alarm, unacknowledged alarms escalate) from a scheduler such as cron.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { importReadings, parseReadingsCsv, sweepAlarmsBy } from "../bank/index.js";
import { DeviceParamsSchema } from "../bank/quality/monitoring-schemas.js";
import { optionsInput } from "./input.js";
import { type UserOption, asUser } from "./session.js";

interface Options extends UserOption {
  json?: boolean;
}

const print = (o: Options, value: unknown, text: string) =>
  console.log(o.json ? JSON.stringify(value, null, 2) : text);

export function registerQualityCommands(program: Command): void {
  const quality = program.command("quality").description("freezer and tank readings and the alarm sweep");

  quality
    .command("import-readings")
    .description("import a CSV of readings (header at,celsius[,ln2_level]) for one device")
    .requiredOption("--device <name>", "the freezer or tank, e.g. LN2-01")
    .requiredOption("--file <path>", "the CSV file")
    .option("--user <name>", "who imports (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & Record<string, string>) => {
      const { device } = optionsInput(DeviceParamsSchema, o, ["device"]);
      const readings = parseReadingsCsv(readFileSync(o.file as string, "utf8"));
      const r = await asUser(o, (store, act) => importReadings(store, device, readings, act));
      print(
        o,
        r,
        `${r.device}: ${r.stored} readings stored, ${r.duplicates} already there; ${r.alarmsRaised.length} alarms raised, ${r.escalated.length} escalated`,
      );
    });

  quality
    .command("sweep")
    .description("raise silent-sensor alarms and escalate unacknowledged alarms, as of now")
    .option("--user <name>", "who runs it (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options) => {
      const r = await asUser(o, (store, act) => sweepAlarmsBy(store, act));
      print(o, r, `${r.raised.length} alarms raised, ${r.escalated.length} escalated`);
    });
}
