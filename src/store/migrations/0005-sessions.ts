/** Web sessions (issue 5): a random id in an HTTP-only cookie, its CSRF token, and when it ends. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_session")
    // The SHA-256 of the cookie's value: a copy of the table does not hand out live sessions.
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().references("user_account.username"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_session").execute();
}
