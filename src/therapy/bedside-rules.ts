/**
 * The bedside check's rules, pure: each reads facts loaded beforehand (bedside.ts loads them) and says pass
 * or fail with its reason, so the list can be tested and shown without a database. Every rule runs; none
 * stops the others, so the record shows all that is wrong. Rules about the bag run only when the scan
 * identified a product (the "product" rule then says why it did not).
 */
import type { User } from "../accounts/users.js";
import type { Product } from "../bank/index.js";
import { type Rule, type RuleResult, runRules } from "../contract/rules.js";
import { productProblems } from "./orders.js";
import { THERAPY_ROLES } from "./roles.js";
import type { DoseOrder } from "./schemas/order.js";
import type { Patient, Weight } from "./schemas/patient.js";
import type { Plan } from "./schemas/plan.js";
import type { Protocol } from "./schemas/protocol.js";

/** What the check reads, loaded in one place before any rule runs. */
export interface BedsideFacts {
  at: Date;
  order: Pick<
    DoseOrder,
    "id" | "productId" | "doseNumber" | "drawMl" | "state" | "weighedAt" | "weightGrams"
  >;
  plan: Pick<Plan, "id" | "mrn" | "state" | "doses">;
  protocol: Protocol;
  /** The patient the wristband names, or why it names none. */
  wristband: { patient: Pick<Patient, "mrn" | "familyName" | "givenName"> } | { refused: string };
  /** The product the bag's DIN and code name with the patient its active reservation is for, or why none. */
  bag:
    | {
        product: Pick<
          Product,
          "id" | "status" | "collectionType" | "donorId" | "storageTemperature" | "expiresAt" | "volumeMl"
        >;
        reservedFor: string | null;
        /** The reasons of the product's open holds (bank's openHoldsOf); empty when it is not on hold. */
        holds: readonly string[];
      }
    | { refused: string };
  latestWeight: Pick<Weight, "measuredAt" | "grams">;
  /**
   * The person administering, then the person verifying, as they signed in at the bedside, with their
   * account's standing (disabled, or a one-time password still to change).
   */
  people: readonly [Person, Person];
}

type Person = Pick<User, "username" | "roles" | "mustChangePassword"> & { disabled: boolean };

type Bag = Extract<BedsideFacts["bag"], { product: unknown }>;

export interface BedsideRule extends Rule<BedsideFacts> {
  /** Reads the bag: runs only when the scan identified a product. */
  needsProduct?: true;
}

const ok = (reason: string) => ({ passed: true, reason });
const no = (reason: string) => ({ passed: false, reason });

function bagRule(rule: string, check: (f: BedsideFacts, bag: Bag) => ReturnType<typeof ok>): BedsideRule {
  return {
    rule,
    needsProduct: true,
    check: (f) => ("product" in f.bag ? check(f, f.bag) : no("no product was identified by the scan")),
  };
}

/** Every rule of the check, in the order the record shows them. */
export const BEDSIDE_RULES: readonly BedsideRule[] = [
  {
    rule: "patient",
    check: ({ wristband, plan }) => {
      if ("refused" in wristband) return no(wristband.refused);
      const p = wristband.patient;
      return p.mrn === plan.mrn
        ? ok(`wristband ${p.mrn} is the patient of the order`)
        : no(
            `wrong baby: the wristband is ${p.mrn} (${p.familyName}, ${p.givenName}); the order is for ${plan.mrn}`,
          );
    },
  },
  {
    rule: "product",
    check: ({ bag, order }) => {
      if ("refused" in bag) return no(`the scanned product cannot be used: ${bag.refused}`);
      return bag.product.id === order.productId
        ? ok(`${bag.product.id} is the ordered product`)
        : no(`wrong product: scanned ${bag.product.id}, the order is for ${order.productId}`);
    },
  },
  bagRule("status", (_f, { product }) =>
    product.status === "reserved" || product.status === "received"
      ? ok(`${product.id} is ${product.status}`)
      : no(
          product.status === "in_processing" || product.status === "quarantine"
            ? `${product.id} is ${product.status}: not released`
            : `${product.id} is ${product.status}: it cannot be infused`,
        ),
  ),
  bagRule("not-on-hold", (_f, { product, holds }) =>
    holds.length === 0
      ? ok(`${product.id} is not on hold`)
      : no(`${product.id} is on hold: ${holds.join("; ")}: a quality manager's disposition is needed`),
  ),
  bagRule("reservation", ({ plan }, { product, reservedFor }) =>
    reservedFor === plan.mrn
      ? ok(`${product.id} is reserved for ${plan.mrn}`)
      : no(
          `${product.id} is ${reservedFor ? `reserved for ${reservedFor}` : "not reserved"}, not for ${plan.mrn}`,
        ),
  ),
  bagRule("product-kind", ({ plan, protocol }, { product }) => {
    const problems = productProblems(product, protocol, plan.mrn);
    return problems.length === 0 ? ok(`${product.id} is what ${protocol.id} gives`) : no(problems.join("; "));
  }),
  bagRule("expiry", ({ at }, { product }) =>
    product.expiresAt === null || Date.parse(product.expiresAt) > at.getTime()
      ? ok(product.expiresAt ? `expires ${product.expiresAt}` : "no expiry date")
      : no(`${product.id} expired at ${product.expiresAt}`),
  ),
  bagRule("volume", ({ order }, { product }) =>
    order.drawMl <= product.volumeMl + 1e-9
      ? ok(`${order.drawMl} mL to draw from ${product.volumeMl} mL`)
      : no(`the order draws ${order.drawMl} mL and the bag holds ${product.volumeMl} mL`),
  ),
  {
    rule: "order",
    check: ({ order }) =>
      order.state === "ordered" || order.state === "verified"
        ? ok(`order ${order.id} is ${order.state}`)
        : no(`order ${order.id} is ${order.state}`),
  },
  {
    rule: "window",
    check: ({ order, plan }) => {
      const dose = plan.doses.find((d) => d.number === order.doseNumber);
      if (plan.state === "active" && dose?.state === "due")
        return ok(`dose ${order.doseNumber} is due until ${dose.latest}`);
      return no(
        plan.state !== "active"
          ? `plan ${plan.id} is ${plan.state}`
          : dose?.state === "upcoming"
            ? `dose ${order.doseNumber}'s window opens at ${dose.earliest}`
            : dose?.state === "overdue"
              ? `dose ${order.doseNumber}'s window closed at ${dose.latest}`
              : `dose ${order.doseNumber} is ${dose?.state ?? "not in the plan"}`,
      );
    },
  },
  {
    rule: "weight",
    check: ({ order, latestWeight: w }) =>
      w.measuredAt === order.weighedAt
        ? ok(`the dose was computed from the latest weight, ${w.grams} g`)
        : no(
            `a weight of ${w.grams} g was recorded at ${w.measuredAt} after the order used ${order.weightGrams} g: order the dose again`,
          ),
  },
  {
    rule: "two-people",
    check: ({ people: [a, v] }) =>
      a.username === v.username
        ? no(`${a.username} cannot both administer and verify`)
        : ok(`${a.username} administers, ${v.username} verifies`),
  },
  {
    rule: "people-active",
    check: ({ people }) => {
      const problems = people.flatMap((p) =>
        p.disabled
          ? [`${p.username}'s account is disabled`]
          : p.mustChangePassword
            ? [`${p.username} has not completed the first sign-in (one-time password pending)`]
            : [],
      );
      return problems.length === 0
        ? ok(`${people.map((p) => p.username).join(" and ")} have active accounts`)
        : no(`${problems.join("; ")}: only active accounts may administer or verify`);
    },
  },
  {
    rule: "role",
    check: ({ people }) => {
      const allowed: readonly string[] = THERAPY_ROLES.bedside;
      const refused = people.filter((p) => !p.roles.some((r) => allowed.includes(r)));
      return refused.length === 0
        ? ok(`${people.map((p) => p.username).join(" and ")} may administer and verify infusions`)
        : no(
            refused
              .map((p) => `${p.username} (${p.roles.join(", ")}) may not administer or verify infusions`)
              .join("; "),
          );
    },
  },
];

/** Runs the check's rules over its facts; the bag's rules only when a product was identified. */
export function bedsideResults(facts: BedsideFacts): RuleResult[] {
  return runRules(
    BEDSIDE_RULES.filter((r) => !r.needsProduct || "product" in facts.bag),
    facts,
  );
}
