/**
 * Session activity and account administration (issue 15): when a session was last used (the idle
 * timeout), when an account last signed in (the admin's list), and an index to end every session of one
 * user at once. Owner: accounts.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Null for a session opened before this migration: its creation time stands in.
  await db.schema.alterTable("user_session").addColumn("last_seen_at", "text").execute();
  await db.schema.createIndex("user_session_username").on("user_session").column("username").execute();
  await db.schema.alterTable("user_account").addColumn("last_sign_in_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("user_account").dropColumn("last_sign_in_at").execute();
  await db.schema.dropIndex("user_session_username").execute();
  await db.schema.alterTable("user_session").dropColumn("last_seen_at").execute();
}
