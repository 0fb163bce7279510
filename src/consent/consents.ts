/**
 * Consent: a parent's or guardian's consent per scope (cord blood banking, treatment, research use, data
 * sharing) to one version of a consent document, witnessed by a staff member who signs electronically.
 * Withdrawal takes effect at once: from that moment the scope's uses are refused (research exports leave
 * the record out). A consent is never deleted; its history stays.
 *
 * Consent sits below therapy and outcomes and reads only its own table: who the subject is (a patient of
 * therapy) is checked by the caller, passed in as `subject`.
 */
import type { Act } from "../accounts/act.js";
import { authenticate } from "../accounts/users.js";
import { sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check, refusalOf } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { ConsentTable } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { allowConsent } from "./act.js";
import {
  type BankingConsent,
  type Consent,
  ConsentIdSchema,
  type NewConsent,
  NewConsentSchema,
  WithdrawalSchema,
  WitnessPasswordSchema,
} from "./schemas.js";
import type { ConsentScope } from "./scopes.js";

/**
 * The caller's check that the consent's subject exists, inside the write's transaction: it returns the
 * subject's MRN as stored, or throws naming the field.
 */
export type ConsentSubject = (tx: Tx, mrn: string) => Promise<string>;

const toConsent = (r: ConsentTable): Consent => ({
  ...r,
  scope: r.scope as Consent["scope"],
  relationship: r.relationship as Consent["relationship"],
});

/** A password is checked for its form without quoting it: a refusal must never show it. */
function checkPassword(password: unknown): string {
  if (refusalOf(WitnessPasswordSchema, password) === null) return password as string;
  throw new CradleError("INVALID_INPUT", "password must be 1 to 1024 characters without control characters", {
    field: "password",
    value: "…",
    reason: "must be 1 to 1024 characters without control characters",
  });
}

/** Records a consent; the signed-in staff member witnesses it and signs with the password again. */
export async function recordConsent(
  store: Store,
  input: NewConsent,
  password: string,
  act: Act,
  subject: ConsentSubject,
): Promise<Consent> {
  allowConsent(act, "recordConsent", "record consents");
  const given = check(NewConsentSchema, input);
  checkPassword(password);
  const signedAt = pastInstant("signedAt", given.signedAt, act.at);
  const witness = await authenticate(store, act.user.username, password, act.at, {
    purpose: "e-signature",
    address: act.address,
    code: act.code,
  });
  return write(store, async (tx) => {
    const mrn = await subject(tx, given.mrn);
    const consent: Consent = {
      id: crypto.randomUUID(),
      mrn,
      scope: given.scope,
      document: given.document.trim(),
      documentVersion: given.documentVersion.trim(),
      signedBy: given.signedBy.trim(),
      relationship: given.relationship,
      signedAt,
      witness: witness.username,
      witnessSignatureId: "",
      recordedAt: act.at.toISOString(),
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawalReason: null,
    };
    const signature = await sign(tx, witness, {
      meaning: "witnessed",
      entityType: "consent",
      entityId: consent.id,
      record: { ...consent, witnessSignatureId: null },
      at: act.at,
    });
    consent.witnessSignatureId = signature.id;
    await tx.insertInto("consent").values(consent).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "consent.record",
      entityType: "patient",
      entityId: mrn,
      after: consent,
      at: act.at,
    });
    return consent;
  });
}

export async function withdrawConsent(store: Store, id: string, reason: string, act: Act): Promise<Consent> {
  allowConsent(act, "withdrawConsent", "record consent withdrawals");
  check(ConsentIdSchema, { id });
  const why = check(WithdrawalSchema, { reason }).reason.trim();
  return write(store, async (tx) => {
    const c = await getConsent(tx, id);
    if (c.withdrawnAt) {
      throw new CradleError("INVALID_INPUT", `consent ${id} was already withdrawn at ${c.withdrawnAt}`, {
        field: "consent",
        value: id,
        reason: "was already withdrawn",
      });
    }
    const after = {
      ...c,
      withdrawnAt: act.at.toISOString(),
      withdrawnBy: act.user.username,
      withdrawalReason: why,
    };
    await tx
      .updateTable("consent")
      .set({ withdrawnAt: after.withdrawnAt, withdrawnBy: after.withdrawnBy, withdrawalReason: why })
      .where("id", "=", id)
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "consent.withdraw",
      entityType: "patient",
      entityId: c.mrn,
      before: c,
      after,
      reason: why,
      at: act.at,
    });
    return after;
  });
}

export async function getConsent(db: Store["db"] | Tx, id: string): Promise<Consent> {
  const r = await db.selectFrom("consent").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r)
    throw new CradleError("INVALID_INPUT", `no consent ${id}`, {
      field: "consent",
      value: id,
      reason: "is not a recorded consent",
    });
  return toConsent(r);
}

/** A subject's consents, oldest first: a fact read for the services above (their callers check roles). */
export async function consentsOf(db: Store["db"] | Tx, mrn: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom("consent")
    .selectAll()
    .where("mrn", "=", mrn)
    .orderBy("signedAt")
    .execute();
  return rows.map(toConsent);
}

/** True when a consent of the scope was signed by `at` and not withdrawn by then. */
export function consentHolds(consents: readonly Consent[], scope: ConsentScope, at: Date): boolean {
  const t = at.toISOString();
  return consents.some(
    (c) => c.scope === scope && c.signedAt <= t && (c.withdrawnAt === null || c.withdrawnAt > t),
  );
}

/** Refuses a use of a subject's record that its consents do not cover. */
export async function requireConsent(
  db: Store["db"] | Tx,
  mrn: string,
  scope: ConsentScope,
  at: Date,
  use: string,
): Promise<void> {
  if (!consentHolds(await consentsOf(db, mrn), scope, at)) {
    throw new CradleError("CONSENT_REQUIRED", `${use}: ${mrn} has no ${scope} consent in force`, {
      field: "consent",
      mrn,
      scope,
    });
  }
}

/** The MRNs whose consent of the scope is in force at `at`. */
export async function consentedMrns(
  db: Store["db"] | Tx,
  scope: ConsentScope,
  at: Date,
): Promise<Set<string>> {
  const t = at.toISOString();
  const rows = await db
    .selectFrom("consent")
    .select(["mrn", "signedAt", "withdrawnAt"])
    .where("scope", "=", scope)
    .where("signedAt", "<=", t)
    .execute();
  return new Set(rows.filter((r) => r.withdrawnAt === null || r.withdrawnAt > t).map((r) => r.mrn));
}

/**
 * The banking consent of a donor (for cord blood, the baby): "in-force", "withdrawn" (the unit must be
 * flagged and not released for others' use) or "none" recorded in Cradle (collections made before Cradle
 * carry their consent reference on the collection).
 */
export async function bankingConsent(
  db: Store["db"] | Tx,
  donorId: string,
  at: Date,
): Promise<BankingConsent> {
  const consents = (await consentsOf(db, donorId)).filter((c) => c.scope === "cord-blood-banking");
  if (consents.length === 0) return { state: "none" };
  const holding = consents.find((c) => consentHolds([c], "cord-blood-banking", at));
  if (holding) return { state: "in-force", consent: holding };
  return { state: "withdrawn", consent: consents[consents.length - 1] as Consent };
}
