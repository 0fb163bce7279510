/** `cradle protocol schedule` and `cradle dose`: a protocol's windows in UTC, and a dose's volume. */
import type { Command } from "commander";
import { computeDose } from "../therapy/index.js";
import { PROTOCOL_IDS, protocolById } from "../therapy/index.js";
import { instantWithZone, scheduleDoses } from "../therapy/index.js";
import { DoseRequestSchema, ScheduleRequestSchema } from "../therapy/schemas.js";
import { oneOfHelp, optionsInput } from "./input.js";

export function registerTherapyCommands(program: Command): void {
  const protocol = program.command("protocol").description("treatment protocols");
  protocol
    .command("schedule")
    .description("a protocol's dose windows as absolute times (UTC)")
    .requiredOption("--protocol <id>", oneOfHelp("the protocol", PROTOCOL_IDS))
    .requiredOption("--birth <iso>", "birth time with its zone, e.g. 2026-03-01T04:30:00-05:00")
    .option("--day0 <iso>", "day 0 (transplant), with its zone")
    .option("--json", "print JSON")
    .action((o: Record<string, unknown> & { json?: boolean }) => {
      const r = optionsInput(ScheduleRequestSchema, o, ["protocol", "birth", "day0"]);
      const p = protocolById(r.protocol);
      const birth = instantWithZone("birth", r.birth);
      const day0 = r.day0 === undefined ? undefined : instantWithZone("day0", r.day0);
      const doses = scheduleDoses(p.windows, day0 ? { birth, day0 } : { birth });
      if (o.json) console.log(JSON.stringify({ protocol: p.id, version: p.version, doses }, null, 2));
      else for (const d of doses) console.log(`dose ${d.number}: from ${d.earliest} to ${d.latest} (UTC)`);
    });
  program
    .command("dose")
    .description("the volume to draw for a target dose per kg")
    .requiredOption("--concentration-per-ml <n>", "cells per mL in the product")
    .requiredOption("--target-per-kg <n>", "target cells per kg")
    .requiredOption("--weight-grams <g>", "the patient's latest weight in grams")
    .option("--json", "print JSON")
    .action((o: Record<string, unknown> & { json?: boolean }) => {
      const r = computeDose(
        optionsInput(DoseRequestSchema, o, ["concentrationPerMl", "targetPerKg", "weightGrams"]),
      );
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else console.log(r.arithmetic);
    });
}
