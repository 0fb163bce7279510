/** `cradle protocol schedule` and `cradle dose`: a protocol's windows in UTC, and a dose's volume. */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { computeDose } from "../therapy/dose.js";
import { PROTOCOLS } from "../therapy/protocols.js";
import { instantWithZone, scheduleDoses } from "../therapy/schedule.js";

function num(field: string, text: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new CradleError("INVALID_INPUT", `--${field} "${text}" is not a number`, { field, value: text });
  }
  return v;
}

export function registerTherapyCommands(program: Command): void {
  const protocol = program.command("protocol").description("treatment protocols");
  protocol
    .command("schedule")
    .description("a protocol's dose windows as absolute times (UTC)")
    .requiredOption("--protocol <id>", Object.keys(PROTOCOLS).join(", "))
    .requiredOption("--birth <iso>", "birth time with its zone, e.g. 2026-03-01T04:30:00-05:00")
    .option("--day0 <iso>", "day 0 (transplant), with its zone")
    .option("--json", "print JSON")
    .action((o: { protocol: string; birth: string; day0?: string; json?: boolean }) => {
      const p = PROTOCOLS[o.protocol];
      if (!p) {
        throw new CradleError(
          "INVALID_INPUT",
          `--protocol "${o.protocol}" is not one of ${Object.keys(PROTOCOLS).join(", ")}`,
          {
            field: "protocol",
            value: o.protocol,
          },
        );
      }
      const birth = instantWithZone("birth", o.birth);
      const day0 = o.day0 === undefined ? undefined : instantWithZone("day0", o.day0);
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
    .action((o: { concentrationPerMl: string; targetPerKg: string; weightGrams: string; json?: boolean }) => {
      const r = computeDose({
        concentrationPerMl: num("concentration-per-ml", o.concentrationPerMl),
        targetPerKg: num("target-per-kg", o.targetPerKg),
        weightGrams: num("weight-grams", o.weightGrams),
      });
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else console.log(r.arithmetic);
    });
}
