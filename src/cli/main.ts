/** The `cradle` command. Parses arguments, calls the library, prints; no rule of the field lives here. */
import type { Command } from "commander";
import { registerAuditCommands } from "./audit.js";
import { registerConfigCommand } from "./config.js";
import { registerDbCommands } from "./db.js";
import { registerFrequencyCommands } from "./frequencies.js";
import { registerHlaCommands } from "./hla.js";
import { registerIsbtCommands } from "./isbt.js";
import { registerMatchCommands } from "./match.js";
import { registerPatientCommands } from "./patient.js";
import { registerProbabilityCommands } from "./probability.js";
import { registerProductCommands } from "./product.js";
import { newProgram, runProgram } from "./program.js";
import { registerQualityCommands } from "./quality.js";
import { registerRankingCommands } from "./ranking.js";
import { registerRegistryCommands } from "./registry.js";
import { registerSearchCommand } from "./search.js";
import { registerServeCommand } from "./serve.js";
import { registerStatsCommands } from "./stats.js";
import { registerStorageCommands } from "./storage.js";
import { registerTherapyCommands } from "./therapy.js";
import { registerUserCommands } from "./user.js";

export function buildProgram(): Command {
  const program = newProgram();
  registerHlaCommands(program);
  registerMatchCommands(program);
  registerProbabilityCommands(program);
  registerRegistryCommands(program);
  registerFrequencyCommands(program);
  registerRankingCommands(program);
  registerSearchCommand(program);
  registerIsbtCommands(program);
  registerProductCommands(program);
  registerStorageCommands(program);
  registerQualityCommands(program);
  registerAuditCommands(program);
  registerUserCommands(program);
  registerTherapyCommands(program);
  registerStatsCommands(program);
  registerPatientCommands(program);
  registerServeCommand(program);
  registerDbCommands(program);
  registerConfigCommand(program);
  program.addHelpText("after", () => `\nAll commands:\n${listCommands(program, "")}`);
  return program;
}

/** Every leaf command with its one-line description, for `cradle --help`. */
function listCommands(cmd: Command, prefix: string): string {
  return cmd.commands
    .filter((c) => c.name() !== "help")
    .map((c) => {
      const path = `${prefix}${c.name()}`;
      return c.commands.length > 0
        ? listCommands(c, `${path} `)
        : `  cradle ${path.padEnd(16)} ${c.description()}\n`;
    })
    .join("");
}

/** Runs the CLI; returns the exit code (0 ok, 1 some inputs failed, 2 a usage or Cradle error). */
export async function run(argv: string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
