/**
 * The second factor (issue 15): a user's TOTP secret (RFC 6238), pending until the user confirms a first
 * code, with the last time step used (a code is good once); and ten single-use recovery codes, hashed.
 * Owner: accounts.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("username", "text", (c) => c.primaryKey().references("user_account.username"))
    // Base32, as the authenticator app holds it.
    .addColumn("secret", "text", (c) => c.notNull())
    // "pending" (enrolled, not yet confirmed) or "active".
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("activated_at", "text")
    // The last accepted time step (Unix time / 30 s): a code of that step or earlier is refused (replay).
    .addColumn("last_step", "integer")
    .execute();
  await db.schema
    .createTable("user_recovery_code")
    .addColumn("username", "text", (c) => c.notNull().references("user_account.username"))
    .addColumn("position", "integer", (c) => c.notNull())
    // SHA-256 of the code: the codes are random (50 bits), so a slow hash adds nothing.
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("user_recovery_code_pk", ["username", "position"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_recovery_code").execute();
  await db.schema.dropTable("user_totp").execute();
}
