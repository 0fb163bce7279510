/** `cradle db …`: the database itself. */
import type { Command } from "commander";
import { migrate, openStore } from "../store/connect.js";

export function registerDbCommands(program: Command): void {
  const db = program
    .command("db")
    .description("the database (CRADLE_DATABASE_URL: sqlite://PATH or postgres://…)");
  db.command("migrate")
    .description("apply pending migrations (they also run at every start)")
    .action(async () => {
      const store = await openStore();
      try {
        const applied = [...store.migrated, ...(await migrate(store.db))];
        console.log(
          `${store.location}: ${applied.length === 0 ? "up to date" : `applied ${applied.join(", ")}`}`,
        );
      } finally {
        await store.close();
      }
    });
}
