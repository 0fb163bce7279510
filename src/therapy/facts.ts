/**
 * Treatment facts for the services above therapy (outcomes): small read-only views of therapy's tables,
 * so no other service reads them. Each is one query for the whole program; no role check here, the caller
 * checks its own reader's role.
 */
import type { Act } from "../accounts/act.js";
import { effectiveQc, getProductById, isAutologous, openHolds } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { allowTherapy } from "./act.js";
import type { HeldOrder } from "./schemas/order.js";
import type { OrderState } from "./vocabulary.js";

type Db = Store["db"] | Tx;

/** A plan that was treated or is under treatment (not withdrawn before a dose), with its patient's name. */
export interface TreatedPlan {
  id: string;
  mrn: string;
  protocolId: string;
  protocolVersion: number;
  day0: string | null;
  birthAt: string;
  gestationalWeeks: number;
  gestationalDays: number;
  familyName: string;
  givenName: string;
  /** Randomised protocols: the arm and when it was assigned (time zero of an intention-to-treat analysis). */
  arm: string | null;
  randomisedAt: string | null;
}

/**
 * Every active or completed plan, with the patient's birth and name; and every randomised plan, withdrawn
 * or not, since a randomised baby is analysed in the arm assigned (intention to treat).
 */
export async function treatedPlans(db: Db): Promise<TreatedPlan[]> {
  return db
    .selectFrom("plan")
    .innerJoin("patient", "patient.mrn", "plan.mrn")
    .select([
      "plan.id",
      "plan.mrn",
      "plan.protocolId",
      "plan.protocolVersion",
      "plan.day0",
      "patient.birthAt",
      "patient.gestationalWeeks",
      "patient.gestationalDays",
      "patient.familyName",
      "patient.givenName",
      "plan.arm",
      "plan.randomisedAt",
    ])
    .where((eb) =>
      eb.or([eb("plan.state", "in", ["active", "completed"]), eb("plan.randomisedAt", "is not", null)]),
    )
    .execute();
}

/** The first infusion of each plan that has one: time zero of its outcomes. */
export async function firstInfusions(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("infusion")
    .innerJoin("doseOrder", "doseOrder.id", "infusion.orderId")
    .select(["doseOrder.planId", "infusion.startedAt"])
    .orderBy("infusion.startedAt")
    .execute();
  const first = new Map<string, string>();
  for (const r of rows) if (!first.has(r.planId)) first.set(r.planId, r.startedAt);
  return first;
}

/** The MRN of a plan's patient, or undefined when there is no such plan. */
export async function planPatient(db: Db, planId: string): Promise<string | undefined> {
  const r = await db.selectFrom("plan").select("mrn").where("id", "=", planId).executeTakeFirst();
  return r?.mrn;
}

/** What a de-identified record may carry of a patient: no name, no mother, no free text. */
export interface PatientResearchFacts {
  mrn: string;
  sex: string;
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  icd10: string;
  indication: string;
  birthAt: string;
}

/** Those facts of every patient, by MRN. */
export async function patientResearchFacts(db: Db): Promise<Map<string, PatientResearchFacts>> {
  const rows = await db
    .selectFrom("patient")
    .select([
      "mrn",
      "sex",
      "gestationalWeeks",
      "gestationalDays",
      "birthWeightGrams",
      "icd10",
      "indication",
      "birthAt",
    ])
    .execute();
  return new Map(rows.map((p) => [p.mrn, p]));
}

/** An open dose order of a product that is on hold: flagged for the physician and the ward. */
export interface HeldProductOrder {
  productId: string;
  holdReason: string;
  orderId: string;
  planId: string;
  mrn: string;
  doseNumber: number;
  state: string;
}

/**
 * The open dose orders (ordered or verified, not yet given) of every product on an open hold. The bank
 * lists its holds (bank's openHolds); therapy adds its own orders, since the bank does not read therapy.
 */
export async function openOrdersOfHeldProducts(db: Db): Promise<HeldProductOrder[]> {
  const held = await openHolds(db);
  if (held.length === 0) return [];
  const reasons = new Map<string, string>();
  for (const h of held) if (!reasons.has(h.hold.productId)) reasons.set(h.hold.productId, h.hold.reason);
  const rows = await db
    .selectFrom("doseOrder")
    .innerJoin("plan", "plan.id", "doseOrder.planId")
    .select([
      "doseOrder.id",
      "doseOrder.productId",
      "doseOrder.planId",
      "doseOrder.doseNumber",
      "doseOrder.state",
      "plan.mrn",
    ])
    .where("doseOrder.productId", "in", [...reasons.keys()])
    .where("doseOrder.state", "in", ["ordered", "verified"])
    .orderBy("doseOrder.orderedAt")
    .execute();
  return rows.map((r) => ({
    productId: r.productId,
    holdReason: reasons.get(r.productId) ?? "",
    orderId: r.id,
    planId: r.planId,
    mrn: r.mrn,
    doseNumber: r.doseNumber,
    state: r.state,
  }));
}

/**
 * Cells per kg given to each plan: every infusion's volume × its order's concentration ÷ the weight the
 * order was computed for, summed over the plan's infusions.
 */
export async function cellsPerKgGiven(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("infusion")
    .innerJoin("doseOrder", "doseOrder.id", "infusion.orderId")
    .select([
      "doseOrder.planId",
      "infusion.volumeMl",
      "doseOrder.concentrationPerMl",
      "doseOrder.weightGrams",
    ])
    .execute();
  const given = new Map<string, number>();
  for (const r of rows) {
    const perKg = (r.volumeMl * r.concentrationPerMl) / (r.weightGrams / 1000);
    given.set(r.planId, (given.get(r.planId) ?? 0) + perKg);
  }
  return given;
}

/**
 * The dashboard's flag for the physician and the ward: every open dose order whose product is on hold,
 * with the baby's name, oldest order first. The same list for every reader of patients.
 */
export async function heldOrders(store: Store, act: Pick<Act, "user">): Promise<HeldOrder[]> {
  allowTherapy(act, "readPatients", "read dose orders");
  const flagged = await openOrdersOfHeldProducts(store.db);
  if (flagged.length === 0) return [];
  const names = await store.db
    .selectFrom("patient")
    .select(["mrn", "givenName", "familyName"])
    .where("mrn", "in", [...new Set(flagged.map((f) => f.mrn))])
    .execute();
  const nameOf = new Map(names.map((n) => [n.mrn, `${n.givenName} ${n.familyName}`]));
  return flagged.map((f) => ({
    orderId: f.orderId,
    planId: f.planId,
    mrn: f.mrn,
    name: nameOf.get(f.mrn) ?? f.mrn,
    doseNumber: f.doseNumber,
    state: f.state as OrderState,
    productId: f.productId,
    holdReason: f.holdReason,
  }));
}

/**
 * The donor type of the cells each plan was given, from the bank's collection type of every infused
 * product (ISBT 128: "1" and "A" are autologous). Relatedness of an allogeneic donor is not recorded by the
 * bank or therapy (a directed donation is not necessarily a relative's), so it is "allogeneic", never a
 * guessed "related" or "unrelated"; a plan given both kinds is "mixed". Plans with no infusion are absent.
 */
export async function donorTypesGiven(db: Db): Promise<Map<string, "autologous" | "allogeneic" | "mixed">> {
  const rows = await db
    .selectFrom("infusion")
    .innerJoin("doseOrder", "doseOrder.id", "infusion.orderId")
    .select(["doseOrder.planId", "doseOrder.productId"])
    .execute();
  const kinds = new Map<string, Set<"autologous" | "allogeneic">>();
  for (const r of rows) {
    // The bank's read of its own product (the query only reads; Tx and the store's db share its shape).
    const product = await getProductById({ db }, r.productId);
    const kind = isAutologous(product.collectionType) ? "autologous" : "allogeneic";
    kinds.set(r.planId, (kinds.get(r.planId) ?? new Set()).add(kind));
  }
  return new Map(
    [...kinds].map(([plan, set]) => [
      plan,
      set.size > 1 ? "mixed" : ([...set][0] as "autologous" | "allogeneic"),
    ]),
  );
}

/** The typings an allogeneic graft's HLA match is graded from: the patient's and each graft given. */
export interface GraftTypings {
  /** The patient's GL string as registered, or null when not typed. */
  patient: string | null;
  /** Each distinct allogeneic product infused in the plan, first given first. */
  grafts: { productId: string; cord: boolean; typing: string | null }[];
}

/**
 * For each plan that gave an allogeneic product: the patient's typing and each graft's latest HLA result in
 * the bank (confirmatory typing after processing counts, a maternal typing does not). Plans that gave only
 * autologous cells are absent: there is no match to grade.
 */
export async function graftTypingsGiven(db: Db): Promise<Map<string, GraftTypings>> {
  const rows = await db
    .selectFrom("infusion")
    .innerJoin("doseOrder", "doseOrder.id", "infusion.orderId")
    .innerJoin("plan", "plan.id", "doseOrder.planId")
    .innerJoin("patient", "patient.mrn", "plan.mrn")
    .select(["doseOrder.planId", "doseOrder.productId", "patient.hla", "infusion.startedAt"])
    .orderBy("infusion.startedAt")
    .execute();
  const out = new Map<string, GraftTypings>();
  for (const r of rows) {
    const product = await getProductById({ db }, r.productId);
    if (isAutologous(product.collectionType)) continue;
    const entry = out.get(r.planId) ?? { patient: r.hla, grafts: [] };
    if (!entry.grafts.some((g) => g.productId === product.id)) {
      const hla = (await effectiveQc(db, product))
        .filter((q) => q.test === "hla" && q.stage !== "maternal" && q.result !== null)
        .sort((a, b) => a.testedAt.localeCompare(b.testedAt))
        .at(-1);
      entry.grafts.push({
        productId: product.id,
        cord: product.source === "cord-blood",
        typing: hla?.result ?? null,
      });
    }
    out.set(r.planId, entry);
  }
  return out;
}
