/**
 * The `cradle` command's root and its one way of running: every setting checked before a command runs, and
 * the exit codes. main.ts registers every command on it; stats-main.ts only `cradle stats`, so that command
 * does not load the database, server and PDF libraries it never uses.
 */
import { Command, CommanderError } from "commander";
import { config } from "../config/index.js";
import { CradleError, isCradleError } from "../errors.js";

export function newProgram(): Command {
  return (
    new Command("cradle")
      .description(
        "Cradle: open software for pediatric stem cell therapy programs (bank, match, treat, follow)",
      )
      .version("0.1.0")
      // The root's options (--version) only before a command: `frequencies import --version 2011` is the set's.
      .enablePositionalOptions()
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
      })
  );
}

/** Runs a program; returns the exit code (0 ok, 1 some inputs failed, 2 a usage or Cradle error). */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
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
