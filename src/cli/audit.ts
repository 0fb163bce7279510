import type { Command } from "commander";
import { Type } from "typebox";
import { verifyAuditAt } from "../audit/database-check.js";
import { readAudit, readAuditCsv } from "../audit/reads.js";
import { AuditCsvQuerySchema } from "../audit/schemas.js";
import { config } from "../config/index.js";
import { Int, Obj, type Static } from "../contract/schema.js";
import { CradleError } from "../errors.js";
/** `cradle audit …`: verify the hash chain, read the trail. */
import { sightOf } from "../server/sight.js";
import { optionsInput } from "./input.js";
import { asUser } from "./session.js";

/** `audit log`'s options, read with the audit schemas' own blocks (the API's filters, --actor for its user). */
const LogOptionsSchema = Obj({
  entity: AuditCsvQuerySchema.properties.entityType,
  id: AuditCsvQuerySchema.properties.entityId,
  actor: AuditCsvQuerySchema.properties.user,
  kind: AuditCsvQuerySchema.properties.kind,
  from: AuditCsvQuerySchema.properties.from,
  to: AuditCsvQuerySchema.properties.to,
  // No default here: the read's own applies (50 events, or 10,000 rows with --csv).
  limit: Type.Optional(Int(1, 100_000)),
  offset: Type.Optional(Int(0, 10_000_000)),
});
type LogOptions = Static<typeof LogOptionsSchema>;

/** The options as the reads' query (the API's names). */
function queryOf(q: LogOptions): Record<string, unknown> {
  const pairs: [string, unknown][] = [
    ["entityType", q.entity],
    ["entityId", q.id],
    ["user", q.actor],
    ["kind", q.kind],
    ["from", q.from],
    ["to", q.to],
    ["limit", q.limit],
    ["offset", q.offset],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined));
}

/** A refusal of the reads names the API's field; the command's user typed the option. */
const OPTION_OF: Record<string, string> = {
  entityType: "--entity",
  entityId: "--id",
  user: "--actor",
  kind: "--kind",
  from: "--from",
  to: "--to",
  limit: "--limit",
  offset: "--offset",
};
function asOption(e: unknown): never {
  if (e instanceof CradleError && e.code === "INVALID_INPUT" && typeof e.details.field === "string") {
    const option = OPTION_OF[e.details.field];
    if (option)
      throw new CradleError("INVALID_INPUT", e.message.replace(e.details.field, option), {
        ...e.details,
        field: option,
      });
  }
  throw e;
}

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
    .description(
      "the latest events, newest first, filtered like the audit page (signs in: auditor, quality-manager or admin)",
    )
    .option("--entity <type>", "the entity type, e.g. product, collection, patient, plan, user")
    .option("--id <id>", "the entity's id: a product id (G123426000001:S1234V00) or a DIN, an MRN, a plan id")
    .option("--actor <name>", "who did it (a user name)")
    .option("--kind <kinds>", "event kinds, comma-separated, e.g. product.release.refused,label.reprint")
    .option("--from <instant>", "events at or after, ISO 8601 with zone: 2026-03-01T00:00:00-05:00")
    .option("--to <instant>", "events before, ISO 8601 with zone")
    .option("--limit <n>", "at most n events (default 50, at most 500; with --csv default 10000)")
    .option("--offset <n>", "skip the n newest that pass")
    .option("--user <name>", "who reads (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .option("--csv", "print CSV, as GET /api/audit.csv (formula-looking cells made inert)")
    .action(async (o: Record<string, string | boolean | undefined> & { user?: string }) => {
      const q = optionsInput(LogOptionsSchema, o, [
        "entity",
        "id",
        "actor",
        "kind",
        "from",
        "to",
        "limit",
        "offset",
      ]);
      const query = queryOf(q);
      if (o.csv) {
        const csv = await asUser(o, (store, act) =>
          readAuditCsv(store, act.user, query, sightOf(act.user.roles)).catch(asOption),
        );
        process.stdout.write(csv);
        return;
      }
      const page = await asUser(o, (store, act) =>
        readAudit(store, act.user, query, sightOf(act.user.roles)).catch(asOption),
      );
      if (o.json) console.log(JSON.stringify(page.items, null, 2));
      else {
        for (const e of page.items)
          console.log(
            `${String(e.seq).padStart(6)} ${e.at} ${e.actor.padEnd(10)} ${e.action} ${e.entityType} ${e.entityId}${e.reason ? ` — ${e.reason}` : ""}`,
          );
        console.log(`${page.items.length} of ${page.total} events`);
      }
    });
}
