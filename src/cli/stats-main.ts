/** `cradle stats …` alone: the same root and exit codes as main.ts, loading only the statistics. */
import { newProgram, runProgram } from "./program.js";
import { registerStatsCommands } from "./stats.js";

export async function run(argv: string[]): Promise<number> {
  const program = newProgram();
  registerStatsCommands(program);
  return runProgram(program, argv);
}
