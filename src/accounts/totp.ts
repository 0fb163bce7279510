import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { appendAudit } from "../audit/trail.js";
import { config } from "../config/index.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { ROLES, type Role, USER_ADMINS } from "./roles.js";
import { TotpCodeSchema, type User } from "./schemas.js";
/**
 * The optional second factor: TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) per user, with ten
 * single-use recovery codes.
 *
 * - Enrolment makes a new 160-bit secret, shown once (an otpauth:// URI and its QR code); it is pending
 *   until the user gives a first valid code, which activates it and yields the recovery codes, shown once.
 * - A code is accepted within ±1 step (clock drift) and only once: the last step used is stored and a
 *   code of that step or an earlier one is refused (replay), by one conditional update, so two requests
 *   with the same code cannot both pass.
 * - Recovery codes are stored as SHA-256 (they are random, 50 bits: a slow hash adds nothing) and marked
 *   used by one conditional update.
 * - Wrong codes at sign-in and signatures go through authenticate.ts, counted in the same throttle and
 *   lockout as wrong passwords and audited alike.
 * - Roles named in CRADLE_TOTP_REQUIRED_ROLES must enrol before anything else (totpEnrolmentRefusal).
 * - An admin may remove a user's TOTP (a lost device), audited with the reason.
 */
import { isSealed, open, seal, totpKey } from "./secret-box.js";

export const TOTP_ISSUER = "Cradle";
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now a code is accepted in (RFC 6238 §5.2 recommends at most one). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODES = 10;
/** Recovery codes: lower-case letters and digits without look-alikes (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** The TOTP generator of a base32 secret, as an authenticator app computes it. */
export function totpOf(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The time step a moment falls in (RFC 6238 T = floor(unix time / 30 s)). */
export function stepOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);
}

/** The step a code belongs to, within ±TOTP_WINDOW of `at`; undefined when it matches none. */
export function matchingStep(totp: TOTP, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? undefined : stepOf(at) + delta;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** A recovery code as typed: spaces and hyphens dropped, lower case. */
const recoveryForm = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

function recoveryCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The roles CRADLE_TOTP_REQUIRED_ROLES names; an unknown role is refused, not ignored. */
export function totpRequiredRoles(text = config().totpRequiredRoles): Role[] {
  if (text === undefined) return [];
  const roles = text.split(",");
  const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown !== undefined) {
    throw new CradleError(
      "INVALID_INPUT",
      `CRADLE_TOTP_REQUIRED_ROLES "${text}": "${unknown}" is not a role (${ROLES.join(", ")})`,
      { field: "CRADLE_TOTP_REQUIRED_ROLES", value: text, reason: `"${unknown}" is not a role` },
    );
  }
  return roles as Role[];
}

/** Whether the user has a confirmed TOTP (the password policy's shorter minimum, the second step). */
export async function hasSecondFactor(store: Store, username: string): Promise<boolean> {
  const row = await store.db
    .selectFrom("userTotp")
    .select("status")
    .where("username", "=", username)
    .executeTakeFirst();
  return row?.status === "active";
}

/** Whether a user of these roles, with or without TOTP, must enrol before doing anything else. */
export function mustEnrolTotp(roles: readonly Role[], active: boolean): boolean {
  if (active) return false;
  const required = totpRequiredRoles();
  return roles.some((r) => required.includes(r));
}

/** A user who must enrol may do nothing else: the refusal, or undefined when the user may go on. */
export function totpEnrolmentRefusal(user: User): CradleError | undefined {
  return user.mustEnrolTotp
    ? new CradleError(
        "TOTP_ENROLMENT_REQUIRED",
        "your role requires a second factor: enrol an authenticator app first (POST /api/session/totp)",
        { username: user.username },
      )
    : undefined;
}

export interface TotpEnrolment {
  /** The otpauth:// URI an authenticator app reads (it holds the secret: shown once). */
  uri: string;
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
}

/**
 * Starts (or restarts) enrolment: a new secret, pending until confirmTotp. Refused while a TOTP is active
 * (an admin removes it first).
 */
export async function beginTotp(store: Store, user: User, at: Date): Promise<TotpEnrolment> {
  const current = await store.db
    .selectFrom("userTotp")
    .select("status")
    .where("username", "=", user.username)
    .executeTakeFirst();
  if (current?.status === "active") {
    throw new CradleError("TOTP_STATE", `${user.username} has an active second factor already`, {
      username: user.username,
      state: "active",
    });
  }
  const secret = new Secret({ size: 20 }).base32;
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("userTotp").where("username", "=", user.username).execute();
    await tx
      .insertInto("userTotp")
      .values({
        username: user.username,
        secret: seal(secret, user.username),
        status: "pending",
        createdAt: at.toISOString(),
        activatedAt: null,
        lastStep: null,
      })
      .execute();
    await appendAudit(tx, {
      actor: user.username,
      action: "user.totp-begin",
      entityType: "user",
      entityId: user.username,
      at,
    });
  });
  return { uri: totpOf(secret, user.username).toString(), secret };
}

/** The QR code of an otpauth:// URI, as SVG (bwip-js loaded only here). */
export async function totpQrSvg(uri: string): Promise<string> {
  const bwip = (await import("bwip-js")).default;
  return bwip.toSVG({ bcid: "qrcode", text: uri, scale: 4 });
}

function wrongCode(field = "code"): CradleError {
  return new CradleError(
    "INVALID_INPUT",
    `${field}: does not match the authenticator's code now (check the phone's clock)`,
    { field, value: "", reason: "does not match the authenticator's code now" },
  );
}

/**
 * Activates a pending TOTP with a first valid code; returns the ten recovery codes (shown once). A wrong
 * code is refused and audited, and the enrolment stays pending.
 */
export async function confirmTotp(
  store: Store,
  user: User,
  code: string,
  at: Date,
): Promise<{ recoveryCodes: string[] }> {
  check(TotpCodeSchema, code, "code");
  const row = await store.db
    .selectFrom("userTotp")
    .selectAll()
    .where("username", "=", user.username)
    .executeTakeFirst();
  if (row?.status !== "pending") {
    throw new CradleError("TOTP_STATE", `${user.username} has no pending enrolment: begin one first`, {
      username: user.username,
      state: row?.status ?? "none",
    });
  }
  const step = matchingStep(totpOf(open(row.secret, user.username), user.username), code, at);
  if (step === undefined) {
    await store.db.transaction().execute((tx) =>
      appendAudit(tx, {
        actor: user.username,
        action: "user.totp-confirm-refused",
        entityType: "user",
        entityId: user.username,
        at,
      }),
    );
    throw wrongCode();
  }
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await store.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("userTotp")
      .set({ status: "active", activatedAt: at.toISOString(), lastStep: step })
      .where("username", "=", user.username)
      .execute();
    await tx.deleteFrom("userRecoveryCode").where("username", "=", user.username).execute();
    await tx
      .insertInto("userRecoveryCode")
      .values(
        codes.map((c, position) => ({
          username: user.username,
          position,
          codeHash: sha256(recoveryForm(c)),
          usedAt: null,
        })),
      )
      .execute();
    await appendAudit(tx, {
      actor: user.username,
      action: "user.totp-activate",
      entityType: "user",
      entityId: user.username,
      after: { recoveryCodes: RECOVERY_CODES },
      at,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * Whether `code` is the user's current TOTP code (not used before) or an unused recovery code; uses it
 * up. Called by authenticate.ts after the password was right; the caller counts and audits a false.
 */
export async function useSecondFactor(
  store: Store,
  username: string,
  code: string,
  at: Date,
): Promise<"totp" | "recovery" | undefined> {
  const row = await store.db
    .selectFrom("userTotp")
    .selectAll()
    .where("username", "=", username)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!row) return undefined;
  const step = matchingStep(totpOf(open(row.secret, username), username), code.trim(), at);
  if (step !== undefined) {
    const used = await store.db
      .updateTable("userTotp")
      .set({ lastStep: step })
      .where("username", "=", username)
      .where((eb) => eb.or([eb("lastStep", "is", null), eb("lastStep", "<", step)]))
      .returning("username")
      .executeTakeFirst();
    return used ? "totp" : undefined;
  }
  const form = recoveryForm(code);
  if (form.length !== 10) return undefined;
  const used = await store.db
    .updateTable("userRecoveryCode")
    .set({ usedAt: at.toISOString() })
    .where("username", "=", username)
    .where("codeHash", "=", sha256(form))
    .where("usedAt", "is", null)
    .returning("position")
    .executeTakeFirst();
  if (!used) return undefined;
  await store.db.transaction().execute((tx) =>
    appendAudit(tx, {
      actor: username,
      action: "user.recovery-code-used",
      entityType: "user",
      entityId: username,
      after: { position: used.position },
      at,
    }),
  );
  return "recovery";
}

/** The user's second factor as the account page shows it (never the secret). */
export async function totpStatus(
  store: Store,
  username: string,
): Promise<{ state: "none" | "pending" | "active"; recoveryCodesLeft: number; required: boolean }> {
  const row = await store.db
    .selectFrom("userTotp")
    .select("status")
    .where("username", "=", username)
    .executeTakeFirst();
  const left = await store.db
    .selectFrom("userRecoveryCode")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("username", "=", username)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  const account = await store.db
    .selectFrom("userAccount")
    .select("roles")
    .where("username", "=", username)
    .executeTakeFirst();
  const roles = (account?.roles.split(",") ?? []) as Role[];
  return {
    state: row?.status ?? "none",
    recoveryCodesLeft: Number(left?.n ?? 0),
    required: mustEnrolTotp(roles, false),
  };
}

/** Removes a user's TOTP and recovery codes (a lost device): admins only, audited with the reason. */
export async function removeTotp(
  store: Store,
  username: string,
  by: User,
  reason: string,
  at: Date,
): Promise<{ username: string; removed: boolean }> {
  if (!by.roles.some((r) => (USER_ADMINS as readonly Role[]).includes(r))) {
    throw new CradleError(
      "FORBIDDEN",
      `${by.username} may not remove a second factor: it needs ${USER_ADMINS.join(" or ")}`,
      { username: by.username, action: "remove a second factor" },
    );
  }
  const exists = await store.db
    .selectFrom("userAccount")
    .select("username")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!exists) {
    throw new CradleError("USER_NOT_FOUND", `no user "${username}"`, { field: "username", value: username });
  }
  return store.db.transaction().execute(async (tx) => {
    const gone = await tx
      .deleteFrom("userTotp")
      .where("username", "=", username)
      .returning("status")
      .execute();
    await tx.deleteFrom("userRecoveryCode").where("username", "=", username).execute();
    await appendAudit(tx, {
      actor: by.username,
      action: "user.totp-remove",
      entityType: "user",
      entityId: username,
      after: { removed: gone.length > 0 },
      reason,
      at,
    });
    return { username, removed: gone.length > 0 };
  });
}

/**
 * At start: with a key, seals every secret still stored as written, and proves every sealed one opens;
 * without one, refuses to start when any secret is sealed (its users could never sign in). Returns how
 * many it sealed.
 */
export async function prepareTotpSecrets(store: Store, key: Buffer | undefined = totpKey()): Promise<number> {
  const rows = await store.db.selectFrom("userTotp").select(["username", "secret"]).execute();
  let sealed = 0;
  for (const row of rows) {
    if (isSealed(row.secret)) {
      open(row.secret, row.username, key);
      continue;
    }
    if (key === undefined) continue;
    await store.db
      .updateTable("userTotp")
      .set({ secret: seal(row.secret, row.username, key) })
      .where("username", "=", row.username)
      .where("secret", "=", row.secret)
      .execute();
    sealed++;
  }
  return sealed;
}
