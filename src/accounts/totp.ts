/**
 * The optional second factor: TOTP (RFC 6238) per user, with single-use recovery codes.
 */
import type { Store } from "../store/connect.js";

/** Whether the user has a confirmed TOTP (the password policy's shorter minimum, the second step). */
export async function hasSecondFactor(store: Store, username: string): Promise<boolean> {
  const row = await store.db
    .selectFrom("userTotp")
    .select("status")
    .where("username", "=", username)
    .executeTakeFirst();
  return row?.status === "active";
}
