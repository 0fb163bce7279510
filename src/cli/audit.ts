import type { Command } from "commander";
import { Type } from "typebox";
import { verifyAuditAt } from "../audit/database-check.js";
import { readAudit, readAuditOf } from "../audit/reads.js";
import { AuditOfQuerySchema, AuditPageQuerySchema } from "../audit/schemas.js";
import { config } from "../config/index.js";
import { Obj } from "../contract/schema.js";
import { CradleError } from "../errors.js";
/** `cradle audit …`: verify the hash chain, read the trail. */
import { sightOf } from "../server/sight.js";
import { optionsInput } from "./input.js";
import { asUser } from "./session.js";

/** `audit log`'s options, read with the audit schemas' own blocks. */
const LogOptionsSchema = Obj({
  entity: Type.Optional(AuditOfQuerySchema.properties.entityType),
  id: Type.Optional(AuditOfQuerySchema.properties.entityId),
  limit: AuditPageQuerySchema.properties.limit,
});

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    // An operator's integrity check of the database: it shows counts and hashes, never a record's content.
    .description("check every link of the hash chain; exit 1 and name the first broken one")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      // Opened for inspection: a damaged or half-copied file gets a clear report, never a stack trace.
      const v = await verifyAuditAt(config().databaseUrl);
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
    .description("the latest events, or one entity's (signs in: auditor, quality-manager or admin)")
    .option("--entity <type>", "e.g. product, collection, user")
    .option("--id <id>", "the entity's id, e.g. G123426000001:S1234V00")
    .option("--limit <n>", "the latest n events (at most 500)", "50")
    .option("--user <name>", "who reads (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: { entity?: string; id?: string; limit: string; user?: string; json?: boolean }) => {
      const q = optionsInput(LogOptionsSchema, o, ["entity", "id", "limit"]);
      if ((q.entity === undefined) !== (q.id === undefined)) {
        throw new CradleError("INVALID_INPUT", "--entity and --id: give both, or neither", {
          field: q.entity === undefined ? "--entity" : "--id",
          value: "",
          reason: "is required with the other",
        });
      }
      const events = await asUser(o, async (store, act) =>
        q.entity !== undefined && q.id !== undefined
          ? readAuditOf(store, act.user, { entityType: q.entity, entityId: q.id }, sightOf(act.user.roles))
          : (await readAudit(store, act.user, { limit: q.limit }, sightOf(act.user.roles))).items,
      );
      if (o.json) console.log(JSON.stringify(events, null, 2));
      else
        for (const e of events)
          console.log(
            `${String(e.seq).padStart(6)} ${e.at} ${e.actor.padEnd(10)} ${e.action} ${e.entityType} ${e.entityId}${e.reason ? ` — ${e.reason}` : ""}`,
          );
    });
}
