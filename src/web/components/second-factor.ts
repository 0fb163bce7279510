/**
 * The second factor of an e-signature (issue 15: a signature re-authenticates with both factors when the
 * signer has them). The signed-in user's own signatures show the code field only when the session says the
 * account has TOTP; the server takes the code in the X-Second-Factor header (api.ts).
 */
import type { User } from "../api";
import type { Field } from "./Form";

/** The code field for the signed-in signer, or none when the account has no second factor. */
export function codeField(user: User, label = "Authenticator code (or a recovery code)"): Field[] {
  return user.totp ? [{ name: "code", label, type: "password" }] : [];
}

/**
 * A co-signer's code: another person's TOTP state is not known to the page (and the server does not tell
 * it), so the field is offered always and left empty for an account without one.
 */
export function coSignerCode(name: string, label = "authenticator code (if enrolled)"): Field {
  return { name, label, type: "password" };
}

/** The form's body without the code, and the code (for the header), when one was typed. */
export function takeCode(body: Record<string, unknown>): [Record<string, unknown>, string | undefined] {
  const { code, ...rest } = body;
  return [rest, typeof code === "string" && code !== "" ? code : undefined];
}

/** One person's credentials from a form's fields (bedside check, infusion override): the code when typed. */
export function credentialsOf(
  b: Record<string, unknown>,
  user: string,
  password: string,
  code: string,
): { username: unknown; password: unknown; code?: unknown } {
  return { username: b[user] ?? "", password: b[password] ?? "", ...(b[code] ? { code: b[code] } : {}) };
}
