/** `cradle config`: every environment variable Cradle reads, its value in force (secrets masked), default and meaning. */
import type { Command } from "commander";
import { markdownTable, settings } from "../config/index.js";

export function registerConfigCommand(program: Command): void {
  program
    .command("config")
    .description(
      "list every setting (environment variable): value in force, default, meaning; exit 2 if one is refused",
    )
    .option("--json", "print JSON")
    .option("--markdown", "print the README's table of variables")
    .action((o: { json?: boolean; markdown?: boolean }) => {
      if (o.markdown) {
        console.log(markdownTable());
        return;
      }
      const rows = settings();
      if (o.json) console.log(JSON.stringify(rows, null, 2));
      else {
        const width = Math.max(...rows.map((r) => r.name.length));
        for (const r of rows) {
          const value = r.value === undefined ? "(unset)" : r.value;
          const origin = r.from === "default" ? " (default)" : "";
          console.log(`${r.name.padEnd(width)}  ${value}${origin}`);
          console.log(
            `${" ".repeat(width)}  ${r.meaning}${r.default === undefined || r.from === "default" ? "" : `; default ${r.default}`}`,
          );
          if (r.refused) console.log(`${" ".repeat(width)}  REFUSED: ${r.refused}`);
        }
      }
      if (rows.some((r) => r.refused)) process.exitCode = 2;
    });
}
