/** `cradle audit …`: verify the hash chain, read the trail. */
import type { Command } from "commander";
import { verifyAuditAt } from "../audit/database-check.js";
import { auditOf, recentAudit } from "../audit/trail.js";
import { DEFAULT_DATABASE_URL } from "../store/connect.js";
import { withStore } from "./session.js";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("check every link of the hash chain; exit 1 and name the first broken one")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const v = await verifyAuditAt(process.env.CRADLE_DATABASE_URL ?? DEFAULT_DATABASE_URL);
      if (o.json) console.log(JSON.stringify(v, null, 2));
      else if ("unreadable" in v)
        console.log(
          `AUDIT TRAIL UNREADABLE: the database is ${v.state}: ${v.unreadable}. Run \`cradle db check\` for a full report; if the database is damaged, restore the last good backup with \`cradle db restore\`.`,
        );
      else if (v.ok)
        console.log(
          `audit trail intact: ${v.events} events; head ${v.headSeq} ${v.headHash} (record this hash elsewhere to anchor it)`,
        );
      else
        console.log(
          `AUDIT TRAIL BROKEN at event ${v.seq}: ${v.reason} (${v.events} events verified before it)`,
        );
      if (!v.ok) process.exitCode = 1;
    });
  audit
    .command("log")
    .description("the latest events, or one entity's")
    .option("--entity <type>", "e.g. product, collection, user")
    .option("--id <id>", "the entity's id, e.g. G123426000001:S1234V00")
    .option("--limit <n>", "", "50")
    .option("--json", "print JSON")
    .action(async (o: { entity?: string; id?: string; limit: string; json?: boolean }) => {
      const events = await withStore((store) =>
        o.entity && o.id ? auditOf(store, o.entity, o.id) : recentAudit(store, Number(o.limit)),
      );
      if (o.json) console.log(JSON.stringify(events, null, 2));
      else
        for (const e of events)
          console.log(
            `${String(e.seq).padStart(6)} ${e.at} ${e.actor.padEnd(10)} ${e.action} ${e.entityType} ${e.entityId}${e.reason ? ` — ${e.reason}` : ""}`,
          );
    });
}
