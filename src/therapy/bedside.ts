import type { Act } from "../accounts/act.js";
/**
 * The bedside check before an infusion: the patient's wristband, the product's DIN and product code are
 * scanned, and every rule is checked against the dose order: right baby, right product, released and
 * reserved for this baby, the baby's own cells when the protocol gives autologous cells, not expired, the
 * dose window open, the dose computed from the current weight, and two different people. Any failure
 * blocks; a blocked check is recorded and audited as well as a passed one, so a near miss is never hidden.
 * A passed check carries two signatures: the person administering and the person verifying.
 */
import { type AuthenticatedUser, accountStanding, authenticate } from "../accounts/users.js";
import { type Signature, sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { findProduct } from "../bank/index.js";
import { activeReservation, openHoldsOf } from "../bank/index.js";
import type { RuleResult } from "../contract/rules.js";
import { check as checkInput } from "../contract/validate.js";
import { CradleError, isCradleError } from "../errors.js";
import { parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { type BedsideFacts, bedsideResults } from "./bedside-rules.js";
import { getOrder } from "./orders.js";
import { getPatient, latestWeight, parseMrn } from "./patients.js";
import { getPlan, protocolOfPlan } from "./plans.js";
import {
  type BedsideCheck,
  type BedsideScan,
  BedsideScanSchema,
  type Credentials,
} from "./schemas/bedside.js";
import type { DoseOrder } from "./schemas/order.js";
import type { Plan } from "./schemas/plan.js";
import type { CheckOutcome } from "./vocabulary.js";

export type { BedsideCheck, BedsideScan, Credentials };
export { BEDSIDE_RULES, type BedsideFacts, bedsideResults } from "./bedside-rules.js";

const message = (e: unknown) => (isCradleError(e) ? e.message : String(e));

/**
 * Everything the rules read, loaded in one place. A wristband or bag that names nothing usable is a fact
 * too (the rule fails with the reason), never an error: the blocked check must be recorded.
 */
async function loadFacts(
  tx: Tx,
  scan: BedsideScan,
  people: BedsideFacts["people"],
  at: Date,
): Promise<BedsideFacts & { order: DoseOrder; plan: Plan }> {
  const order = await getOrder(tx, scan.orderId);
  const plan = await getPlan(tx, order.planId, at);
  const protocol = await protocolOfPlan(tx, plan);
  let wristband: BedsideFacts["wristband"];
  try {
    wristband = { patient: await getPatient(tx, parseMrn(scan.wristband, "wristband"), "wristband") };
  } catch (e) {
    wristband = { refused: message(e) };
  }
  let bag: BedsideFacts["bag"];
  try {
    parseDin(scan.din);
    const product = await findProduct(tx, { din: scan.din, product: scan.productCode });
    bag = {
      product,
      reservedFor: (await activeReservation(tx, product.id))?.patientId ?? null,
      holds: (await openHoldsOf(tx, product.id)).map((h) => h.reason),
    };
  } catch (e) {
    bag = { refused: message(e) };
  }
  return {
    at,
    order,
    plan,
    protocol,
    wristband,
    bag,
    latestWeight: await latestWeight(tx, plan.mrn),
    people,
  };
}

export async function verifyBedside(
  store: Store,
  scan: BedsideScan,
  act: Act,
): Promise<{ check: BedsideCheck; signatures: Signature[] }> {
  allowTherapy(act, "bedside", "check products at the bedside");
  checkInput(BedsideScanSchema, scan);
  if (act.user.username !== scan.administeredBy.username && act.user.username !== scan.verifiedBy.username) {
    throw new CradleError(
      "INVALID_INPUT",
      `administeredBy: ${act.user.username}, signed in here, must be one of the two people`,
      {
        field: "administeredBy",
        value: scan.administeredBy.username,
        reason: `is not ${act.user.username}, who is signed in, and neither is verifiedBy`,
      },
    );
  }
  // The order first: an unknown order answers the same whatever password was given, so this route cannot
  // tell a caller whether another user's password is right (issue 15).
  await getOrder(store.db, scan.orderId);
  // Both give user name and password again: each is a signature (21 CFR 11.200). Through the one
  // authentication path: a wrong co-signer password is the same AUTH_FAILED as at sign-in, throttled and
  // counted toward that account's lockout.
  const cosign = (c: Credentials, self: boolean) =>
    authenticate(store, c.username, c.password, act.at, {
      purpose: self ? "e-signature" : "bedside-cosign",
      address: act.address,
      code: c.code,
    });
  // A refused password does not end the check here: a check blocked for any other reason answers the same
  // BEDSIDE_BLOCKED whatever the passwords were, so it cannot serve to test another user's password.
  // Only a check that would pass answers the authentication's refusal (and records nothing).
  const attempt = async (c: Credentials, self: boolean) => {
    try {
      return { user: { ...(await cosign(c, self)), disabled: false } };
    } catch (e) {
      if (!isCradleError(e) || (e.code !== "AUTH_FAILED" && e.code !== "RATE_LIMITED")) throw e;
      // A disabled account or one with a one-time password pending fails the "people-active" rule, so
      // the blocked check is recorded naming the person.
      const standing = await accountStanding(store, c.username);
      return {
        refusal: e,
        user: {
          username: c.username,
          roles: standing?.roles ?? [],
          mustChangePassword: standing?.mustChangePassword ?? false,
          disabled: standing?.disabled ?? false,
        },
      };
    }
  };
  const a = await attempt(scan.administeredBy, scan.administeredBy.username === act.user.username);
  const v = await attempt(scan.verifiedBy, scan.verifiedBy.username === act.user.username);
  const refusal = a.refusal ?? v.refusal;
  const outcome = await write(store, async (tx) => {
    const facts = await loadFacts(tx, scan, [a.user, v.user], act.at);
    const { order, plan } = facts;
    const results = bedsideResults(facts);
    if (refusal && results.every((r) => r.passed)) throw refusal;
    const [administering, verifying] = [a.user, v.user];
    // Reached with a passing check only when both authenticated (else the refusal was thrown above).
    const signer = (u: typeof administering): AuthenticatedUser => {
      if (!("authenticatedAt" in u)) throw refusal ?? new Error("unauthenticated signer");
      return u;
    };
    const check: BedsideCheck = {
      id: crypto.randomUUID(),
      orderId: scan.orderId,
      outcome: results.every((r) => r.passed) ? "passed" : "blocked",
      scannedWristband: scan.wristband,
      scannedDin: scan.din,
      scannedProductCode: scan.productCode,
      results,
      administeredBy: administering.username,
      verifiedBy: verifying.username,
      checkedAt: act.at.toISOString(),
    };
    await tx
      .insertInto("bedsideCheck")
      .values({ ...check, results: JSON.stringify(results) })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: check.outcome === "passed" ? "bedside.verified" : "bedside.blocked",
      entityType: "patient",
      entityId: plan.mrn,
      after: check,
      ...(check.outcome === "blocked"
        ? {
            reason: results
              .filter((r) => !r.passed)
              .map((r) => r.reason)
              .join("; "),
          }
        : {}),
      at: act.at,
    });
    if (check.outcome === "blocked") return { check, signatures: [] };
    const signatures = [
      await sign(tx, signer(administering), {
        meaning: "administered",
        entityType: "bedside-check",
        entityId: check.id,
        record: check,
        at: act.at,
      }),
      await sign(tx, signer(verifying), {
        meaning: "verified",
        entityType: "bedside-check",
        entityId: check.id,
        record: check,
        at: act.at,
      }),
    ];
    await tx.updateTable("doseOrder").set({ state: "verified" }).where("id", "=", order.id).execute();
    return { check, signatures };
  });
  if (outcome.check.outcome === "blocked") {
    const failed = outcome.check.results.filter((r) => !r.passed);
    throw new CradleError("BEDSIDE_BLOCKED", `do not give: ${failed.map((r) => r.reason).join("; ")}`, {
      field: failed[0]?.rule ?? "check",
      checkId: outcome.check.id,
      results: outcome.check.results,
    });
  }
  return outcome;
}

function toCheck(
  r: { results: string; outcome: string } & Omit<BedsideCheck, "results" | "outcome">,
): BedsideCheck {
  return {
    ...r,
    outcome: r.outcome as CheckOutcome,
    results: JSON.parse(r.results) as RuleResult[],
  };
}

export async function getCheck(db: Store["db"] | Tx, id: string): Promise<BedsideCheck> {
  const r = await db.selectFrom("bedsideCheck").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw new CradleError("PLAN_NOT_FOUND", `no bedside check ${id}`, { field: "checkId", value: id });
  return toCheck(r);
}

export async function checksOf(db: Store["db"] | Tx, orderIds: string[]): Promise<BedsideCheck[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom("bedsideCheck")
    .selectAll()
    .where("orderId", "in", orderIds)
    .orderBy("checkedAt")
    .execute();
  return rows.map(toCheck);
}
