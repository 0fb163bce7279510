/**
 * The password policy of NIST SP 800-63B-4 (2025), for every password a person or Cradle chooses (a new
 * user, a change, the first start's admin and demo passwords, one-time passwords):
 *
 * - at least CRADLE_PASSWORD_MIN_LENGTH (15) characters when the password is the only factor, at least
 *   CRADLE_PASSWORD_MIN_LENGTH_SECOND_FACTOR (8) when the user also has TOTP; the settings refuse less;
 * - at most MAX_PASSWORD_LENGTH (256), so NIST's "accept at least 64" holds and hashing stays bounded;
 * - any characters, spaces and Unicode included; length counts code points after NFKC normalisation,
 *   the form that is hashed (passwords.ts), so "ﬁ" and "fi" are one password on every keyboard;
 * - refused when on the list of common and breached passwords (zxcvbn's 49 k, plus a site's file named by
 *   CRADLE_PASSWORD_BLOCKLIST_FILE), compared case-insensitively, or when it contains the user name;
 * - no composition rules, no expiry.
 *
 * A refusal is INVALID_INPUT naming the field and the reason, never the value.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dictionary } from "@zxcvbn-ts/language-common";
import { config } from "../config/index.js";
import { CradleError } from "../errors.js";
import { MAX_PASSWORD_LENGTH } from "./schemas.js";

/** The form every password is hashed and compared in (Unicode NFKC, NIST SP 800-63B-4 §3.1.1.2). */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/** Characters as NIST counts them: Unicode code points of the normalised form. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

let common: Set<string> | undefined;
const siteLists = new Map<string, Set<string>>();

function lowerSet(lines: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const p = normalizePassword(l.trim()).toLowerCase();
    if (p !== "") out.add(p);
  }
  return out;
}

/** The site's own list, read once per path (one password a line; blank lines ignored). */
function siteList(path: string): Set<string> {
  let s = siteLists.get(path);
  if (!s) {
    s = lowerSet(readFileSync(path, "utf8").split(/\r?\n/));
    siteLists.set(path, s);
  }
  return s;
}

/** Whether the password is on the built-in or the site's blocklist (case-insensitive). */
export function isBlocklisted(password: string, siteFile = config().passwordBlocklistFile): boolean {
  common ??= lowerSet(dictionary["passwords-common"] as string[]);
  const p = normalizePassword(password).toLowerCase();
  return common.has(p) || (siteFile !== undefined && siteList(siteFile).has(p));
}

export interface PolicyContext {
  /** The account's name: a password containing it is refused. */
  username: string;
  /** Whether the user has a second factor (TOTP): the shorter minimum applies. */
  secondFactor?: boolean;
  /** The input field the password came in, for the refusal ("password", "newPassword", a setting). */
  field?: string;
}

/** The shortest password the policy accepts for a user with or without a second factor. */
export function minPasswordLength(secondFactor: boolean): number {
  const c = config();
  return secondFactor ? c.passwordMinLengthSecondFactor : c.passwordMinLength;
}

/** Why the password is refused, or undefined when the policy accepts it. */
export function passwordRefusal(password: string, ctx: PolicyContext): string | undefined {
  const length = passwordLength(password);
  const min = minPasswordLength(ctx.secondFactor === true);
  if (length < min) {
    return `password is ${length} characters, at least ${min} are needed${ctx.secondFactor ? " (with a second factor)" : " (15 when it is the only factor; 8 with TOTP)"}`;
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return `password is ${length} characters, at most ${MAX_PASSWORD_LENGTH} are accepted`;
  }
  if (isBlocklisted(password)) return "password is on the list of common or breached passwords";
  const name = ctx.username.trim().toLowerCase();
  if (name.length > 0 && normalizePassword(password).toLowerCase().includes(name)) {
    return "password contains the user name";
  }
  return undefined;
}

/** Refuses a password the policy does not accept: INVALID_INPUT naming the field and why, never the value. */
export function checkPasswordPolicy(password: unknown, ctx: PolicyContext): void {
  const field = ctx.field ?? "password";
  if (typeof password !== "string") {
    throw new CradleError("INVALID_INPUT", `${field}: a password (text) is required`, {
      field,
      value: "",
      reason: "is not text",
    });
  }
  const reason = passwordRefusal(password, ctx);
  if (reason) {
    throw new CradleError("INVALID_INPUT", `${field}: ${reason}`, { field, value: "", reason });
  }
}

/**
 * A random one-time password that passes the policy for `username`: 20 characters of base64url (120 bits),
 * drawn again in the unlikely case it contains the name.
 */
export function oneTimePassword(username: string): string {
  for (;;) {
    const p = randomBytes(15).toString("base64url");
    if (passwordRefusal(p, { username }) === undefined) return p;
  }
}
