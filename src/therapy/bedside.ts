import type { Act } from "../accounts/act.js";
/**
 * The bedside check before an infusion: the patient's wristband, the product's DIN and product code are
 * scanned, and every rule is checked against the dose order: right baby, right product, released and
 * reserved for this baby, the baby's own cells when the protocol gives autologous cells, not expired, the
 * dose window open, the dose computed from the current weight, and two different people. Any failure
 * blocks; a blocked check is recorded and audited as well as a passed one, so a near miss is never hidden.
 * A passed check carries two signatures: the person administering and the person verifying.
 */
import { type AuthenticatedUser, authenticate } from "../accounts/users.js";
import { type Signature, sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { type Product, findProduct } from "../bank/products.js";
import { activeReservation } from "../bank/reservations.js";
import { CradleError, isCradleError } from "../errors.js";
import { parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { THERAPY_ROLES, allowTherapy } from "./act.js";
import type { RuleResult } from "./eligibility.js";
import { productProblems } from "./orders.js";
import { type DoseOrder, getOrder } from "./orders.js";
import { getPatient, latestWeight, parseMrn } from "./patients.js";
import { type Plan, getPlan, protocolOfPlan } from "./plans.js";

export interface Credentials {
  username: string;
  password: string;
}

export interface BedsideScan {
  orderId: string;
  /** As scanned from the wristband: the patient's MRN. */
  wristband: string;
  /** As scanned from the bag: the DIN (=G1234…) and the product code (=<S1234V00 or keyed). */
  din: string;
  productCode: string;
  administeredBy: Credentials;
  verifiedBy: Credentials;
}

export interface BedsideCheck {
  id: string;
  orderId: string;
  outcome: "passed" | "blocked";
  scannedWristband: string;
  scannedDin: string;
  scannedProductCode: string;
  results: RuleResult[];
  administeredBy: string;
  verifiedBy: string;
  checkedAt: string;
}

const pass = (rule: string, reason: string): RuleResult => ({ rule, passed: true, reason });
const fail = (rule: string, reason: string): RuleResult => ({ rule, passed: false, reason });

const message = (e: unknown) => (isCradleError(e) ? e.message : String(e));

/** Every rule of the check; none stops the others, so the record shows all that is wrong. */
async function evaluate(
  tx: Tx,
  scan: BedsideScan,
  people: AuthenticatedUser[],
  at: Date,
): Promise<{ results: RuleResult[]; order: DoseOrder; plan: Plan }> {
  const results: RuleResult[] = [];
  const order = await getOrder(tx, scan.orderId);
  const plan = await getPlan(tx, order.planId, at);
  const protocol = await protocolOfPlan(tx, plan);

  // Right baby.
  try {
    const mrn = parseMrn(scan.wristband, "wristband");
    const patient = await getPatient(tx, mrn, "wristband");
    results.push(
      patient.mrn === plan.mrn
        ? pass("patient", `wristband ${patient.mrn} is the patient of the order`)
        : fail(
            "patient",
            `wrong baby: the wristband is ${patient.mrn} (${patient.familyName}, ${patient.givenName}); the order is for ${plan.mrn}`,
          ),
    );
  } catch (e) {
    results.push(fail("patient", message(e)));
  }

  // Right product, in a state to be given.
  let product: Product | undefined;
  try {
    parseDin(scan.din);
    product = await findProduct(tx, { din: scan.din, product: scan.productCode });
  } catch (e) {
    results.push(fail("product", `the scanned product cannot be used: ${message(e)}`));
  }
  if (product) {
    results.push(
      product.id === order.productId
        ? pass("product", `${product.id} is the ordered product`)
        : fail("product", `wrong product: scanned ${product.id}, the order is for ${order.productId}`),
    );
    results.push(
      product.status === "reserved" || product.status === "received"
        ? pass("status", `${product.id} is ${product.status}`)
        : fail(
            "status",
            product.status === "in_processing" || product.status === "quarantine"
              ? `${product.id} is ${product.status}: not released`
              : `${product.id} is ${product.status}: it cannot be infused`,
          ),
    );
    const reservation = await activeReservation(tx, product.id);
    results.push(
      reservation?.patientId === plan.mrn
        ? pass("reservation", `${product.id} is reserved for ${plan.mrn}`)
        : fail(
            "reservation",
            `${product.id} is ${reservation ? `reserved for ${reservation.patientId}` : "not reserved"}, not for ${plan.mrn}`,
          ),
    );
    const problems = productProblems(product, protocol, plan.mrn);
    results.push(
      problems.length === 0
        ? pass("product-kind", `${product.id} is what ${protocol.id} gives`)
        : fail("product-kind", problems.join("; ")),
    );
    results.push(
      product.expiresAt === null || Date.parse(product.expiresAt) > at.getTime()
        ? pass("expiry", product.expiresAt ? `expires ${product.expiresAt}` : "no expiry date")
        : fail("expiry", `${product.id} expired at ${product.expiresAt}`),
    );
    results.push(
      order.drawMl <= product.volumeMl + 1e-9
        ? pass("volume", `${order.drawMl} mL to draw from ${product.volumeMl} mL`)
        : fail("volume", `the order draws ${order.drawMl} mL and the bag holds ${product.volumeMl} mL`),
    );
  }

  // The order and its window.
  results.push(
    order.state === "ordered" || order.state === "verified"
      ? pass("order", `order ${order.id} is ${order.state}`)
      : fail("order", `order ${order.id} is ${order.state}`),
  );
  const dose = plan.doses.find((d) => d.number === order.doseNumber);
  results.push(
    plan.state === "active" && dose?.state === "due"
      ? pass("window", `dose ${order.doseNumber} is due until ${dose.latest}`)
      : fail(
          "window",
          plan.state !== "active"
            ? `plan ${plan.id} is ${plan.state}`
            : dose?.state === "upcoming"
              ? `dose ${order.doseNumber}'s window opens at ${dose.earliest}`
              : dose?.state === "overdue"
                ? `dose ${order.doseNumber}'s window closed at ${dose.latest}`
                : `dose ${order.doseNumber} is ${dose?.state ?? "not in the plan"}`,
        ),
  );
  const weight = await latestWeight(tx, plan.mrn);
  results.push(
    weight.measuredAt === order.weighedAt
      ? pass("weight", `the dose was computed from the latest weight, ${weight.grams} g`)
      : fail(
          "weight",
          `a weight of ${weight.grams} g was recorded at ${weight.measuredAt} after the order used ${order.weightGrams} g: order the dose again`,
        ),
  );

  // Two people, both allowed at the bedside.
  const [a, v] = people as [AuthenticatedUser, AuthenticatedUser];
  const roles: readonly string[] = THERAPY_ROLES.bedside;
  results.push(
    a.username === v.username
      ? fail("two-people", `${a.username} cannot both administer and verify`)
      : pass("two-people", `${a.username} administers, ${v.username} verifies`),
  );
  for (const p of people) {
    if (!p.roles.some((r) => roles.includes(r))) {
      results.push(
        fail("role", `${p.username} (${p.roles.join(", ")}) may not administer or verify infusions`),
      );
    }
  }
  return { results, order, plan };
}

export async function verifyBedside(
  store: Store,
  scan: BedsideScan,
  act: Act,
): Promise<{ check: BedsideCheck; signatures: Signature[] }> {
  allowTherapy(act, "bedside", "check products at the bedside");
  if (act.user.username !== scan.administeredBy.username && act.user.username !== scan.verifiedBy.username) {
    throw new CradleError(
      "INVALID_INPUT",
      `administeredBy: ${act.user.username}, signed in here, must be one of the two people`,
      {
        field: "administeredBy",
      },
    );
  }
  // Both give user name and password again: each is a signature (21 CFR 11.200).
  const administering = await authenticate(
    store,
    scan.administeredBy.username,
    scan.administeredBy.password,
    act.at,
  );
  const verifying = await authenticate(store, scan.verifiedBy.username, scan.verifiedBy.password, act.at);
  const outcome = await write(store, async (tx) => {
    const { results, order, plan } = await evaluate(tx, scan, [administering, verifying], act.at);
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
      await sign(tx, administering, {
        meaning: "administered",
        entityType: "bedside-check",
        entityId: check.id,
        record: check,
        at: act.at,
      }),
      await sign(tx, verifying, {
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
    outcome: r.outcome as BedsideCheck["outcome"],
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
