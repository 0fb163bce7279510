/** The `cradle` command. Parses arguments, calls the library, prints; no rule of the field lives here. */
import { Command, CommanderError } from "commander";
import { config } from "../config/index.js";
import { CradleError, isCradleError } from "../errors.js";
import { registerAuditCommands } from "./audit.js";
import { registerConfigCommand } from "./config.js";
import { registerDbCommands } from "./db.js";
import { registerHlaCommands } from "./hla.js";
import { registerIsbtCommands } from "./isbt.js";
import { registerMatchCommands } from "./match.js";
import { registerPatientCommands } from "./patient.js";
import { registerProbabilityCommands } from "./probability.js";
import { registerProductCommands } from "./product.js";
import { registerRegistryCommands } from "./registry.js";
import { registerSearchCommand } from "./search.js";
import { registerServeCommand } from "./serve.js";
import { registerStatsCommands } from "./stats.js";
import { registerTherapyCommands } from "./therapy.js";
import { registerUserCommands } from "./user.js";

export function buildProgram(): Command {
  const program = new Command("cradle")
    .description(
      "Cradle: open software for pediatric stem cell therapy programs (bank, match, treat, follow)",
    )
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError()
    // Every setting is read and checked before any command runs: a wrong one stops it (exit 2), naming it.
    // `cradle config` itself lists them all, the refused ones marked.
    .hook("preAction", (_, action) => {
      if (action.name() === "config") return;
      try {
        config();
      } catch (e) {
        if (!isCradleError(e)) throw e;
        throw new CradleError(e.code, `${e.message} (\`cradle config\` lists every setting)`, {
          ...e.details,
        });
      }
    });
  registerHlaCommands(program);
  registerMatchCommands(program);
  registerProbabilityCommands(program);
  registerRegistryCommands(program);
  registerSearchCommand(program);
  registerIsbtCommands(program);
  registerProductCommands(program);
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
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isCradleError(e)) {
      process.stderr.write(`cradle: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
