import type { Act } from "../accounts/act.js";
/**
 * Treatment plans: a patient enrolled on an activated protocol, eligibility and the parents' treatment
 * consent (recorded in outcomes) checked at
 * enrolment, and the protocol's windows turned into absolute times once. What is due now, overdue (the
 * window closed without the dose and nobody has yet said why) or missed (a physician recorded why) is
 * read from those times and the infusions given.
 */
import { appendAudit } from "../audit/trail.js";
import { consentHolds, consentsOf } from "../consent/index.js";
import { instant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError, isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { allocationFor } from "./allocation.js";
import { type RuleResult, evaluateEligibility } from "./eligibility.js";
import { getPatient, infantOf } from "./patients.js";
import { activeProtocol, signedProtocol } from "./protocol-versions.js";
import type { Protocol } from "./protocols.js";
import { scheduleDoses, windowState } from "./schedule.js";
import { UuidSchema } from "./schemas/common.js";
import {
  DoseNumberSchema,
  type DueDose,
  DueQuerySchema,
  type NewPlan,
  NewPlanSchema,
  type Plan,
  type PlanDose,
  ReasonSchema,
} from "./schemas/plan.js";
import type { DoseState, PlanState } from "./vocabulary.js";

export type { DueDose, NewPlan, Plan, PlanDose };

const DAY_MS = 86_400_000;

/** Clinical refusals of an enrolment: recorded in the audit trail (the refused attempt wrote nothing). */
const AUDITED_REFUSALS = ["NOT_ELIGIBLE", "CONSENT_REQUIRED", "ALLOCATION_INVALID"];

export async function enrolPatient(store: Store, input: NewPlan, act: Act): Promise<Plan> {
  allowTherapy(act, "enrol", "enrol patients on protocols");
  check(NewPlanSchema, input);
  try {
    return await enrol(store, input, act);
  } catch (e) {
    if (isCradleError(e) && AUDITED_REFUSALS.includes(e.code)) {
      await write(store, (tx) =>
        appendAudit(tx, {
          actor: act.user.username,
          action: "plan.enrol.refused",
          entityType: "patient",
          entityId: input.mrn,
          after: { protocol: input.protocol, code: e.code, allocation: input.allocation ?? null },
          reason: e.message,
          at: act.at,
        }),
      );
    }
    throw e;
  }
}

async function enrol(store: Store, input: NewPlan, act: Act): Promise<Plan> {
  const day0 = input.day0 ? instant("day0", input.day0) : null;
  const id = await write(store, async (tx) => {
    const patient = await getPatient(tx, input.mrn);
    const protocol = await activeProtocol(tx, input.protocol);
    const { eligible, results } = evaluateEligibility(protocol.id, infantOf(patient), act.at);
    if (!eligible) {
      const failed = results.filter((r) => !r.passed);
      throw new CradleError(
        "NOT_ELIGIBLE",
        `${patient.mrn} is not eligible for ${protocol.id}: ${failed.map((r) => `${r.rule}: ${r.reason}`).join("; ")}`,
        { field: "protocol", value: protocol.id, results },
      );
    }
    // Treatment needs the parents' treatment consent, recorded and witnessed, in force now.
    const consent = (await consentsOf(tx, patient.mrn)).find(
      (c) => c.scope === "treatment" && consentHolds([c], "treatment", act.at),
    );
    if (!consent) {
      throw new CradleError(
        "CONSENT_REQUIRED",
        `${patient.mrn} has no treatment consent in force: record the parent's or guardian's consent first`,
        { field: "consent", mrn: patient.mrn, scope: "treatment" },
      );
    }
    const open = await tx
      .selectFrom("plan")
      .select("id")
      .where("mrn", "=", patient.mrn)
      .where("protocolId", "=", protocol.id)
      .where("state", "=", "active")
      .executeTakeFirst();
    if (open) {
      throw new CradleError(
        "INVALID_INPUT",
        `${patient.mrn} already has an active ${protocol.id} plan (${open.id})`,
        {
          field: "protocol",
          value: protocol.id,
        },
      );
    }
    const allocation = allocationFor(protocol, input.allocation, consent.signedAt, act.at);
    if (allocation) {
      const used = await tx
        .selectFrom("plan")
        .select(["id", "mrn"])
        .where("protocolId", "=", protocol.id)
        .where("allocationRef", "=", allocation.reference)
        .executeTakeFirst();
      if (used) {
        throw new CradleError(
          "ALLOCATION_INVALID",
          `allocation.reference: "${allocation.reference}" is already recorded for ${used.mrn} (plan ${used.id}); one randomisation is one baby`,
          { field: "allocation.reference", value: allocation.reference },
        );
      }
    }
    // A baby on an arm without cells has no doses to schedule: nothing can come due.
    const windows = allocation && !allocation.arm.receivesCells ? [] : protocol.windows;
    const doses = scheduleDoses(windows, {
      birth: new Date(patient.birthAt),
      ...(day0 ? { day0: new Date(day0) } : {}),
    });
    const plan = {
      id: crypto.randomUUID(),
      mrn: patient.mrn,
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      state: "active" as const,
      consentRef: `${consent.document} v${consent.documentVersion} (${consent.id})`,
      consentBy: `${consent.relationship}: ${consent.signedBy}`,
      consentAt: consent.signedAt,
      day0,
      conditioningFrom:
        day0 && protocol.conditioningDays
          ? new Date(Date.parse(day0) - protocol.conditioningDays * DAY_MS).toISOString()
          : null,
      enrolledAt: act.at.toISOString(),
      enrolledBy: act.user.username,
      arm: allocation?.arm.id ?? null,
      allocationRef: allocation?.reference ?? null,
      randomisedAt: allocation?.randomisedAt ?? null,
    };
    await tx
      .insertInto("plan")
      .values({ ...plan, eligibility: JSON.stringify(results), endedAt: null, endReason: null })
      .execute();
    if (doses.length > 0) {
      await tx
        .insertInto("planDose")
        .values(doses.map((d) => ({ planId: plan.id, ...d, state: "scheduled", missedReason: null })))
        .execute();
    }
    await appendAudit(tx, {
      actor: act.user.username,
      action: "plan.enrol",
      entityType: "patient",
      entityId: patient.mrn,
      after: { ...plan, eligibility: results, doses },
      at: act.at,
    });
    return plan.id;
  });
  return getPlan(store.db, id, act.at);
}

function doseState(d: { earliest: string; latest: string; state: string }, now: Date): DoseState {
  if (d.state === "given" || d.state === "missed") return d.state;
  return windowState(d, now);
}

export async function getPlan(db: Store["db"] | Tx, id: string, now: Date): Promise<Plan> {
  const row = await db.selectFrom("plan").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new CradleError("PLAN_NOT_FOUND", `no plan ${id}`, { field: "plan", value: id });
  const doses = await db
    .selectFrom("planDose")
    .selectAll()
    .where("planId", "=", id)
    .orderBy("number")
    .execute();
  const { arm, allocationRef, randomisedAt, ...plan } = row;
  let allocation: Plan["allocation"] = null;
  if (arm !== null && allocationRef !== null && randomisedAt !== null) {
    const armOf = (await signedProtocol(db, row.protocolId, row.protocolVersion)).arms?.find(
      (a) => a.id === arm,
    );
    allocation = {
      arm,
      title: armOf?.title ?? arm,
      receivesCells: armOf?.receivesCells ?? false,
      reference: allocationRef,
      randomisedAt,
    };
  }
  return {
    ...plan,
    allocation,
    state: row.state as PlanState,
    eligibility: JSON.parse(row.eligibility) as RuleResult[],
    doses: doses.map((d) => ({
      number: d.number,
      earliest: d.earliest,
      latest: d.latest,
      state: doseState(d, now),
      missedReason: d.missedReason,
    })),
  };
}

export async function plansOf(db: Store["db"] | Tx, mrn: string, now: Date): Promise<Plan[]> {
  const rows = await db
    .selectFrom("plan")
    .select("id")
    .where("mrn", "=", mrn)
    .orderBy("enrolledAt", "desc")
    .execute();
  return Promise.all(rows.map((r) => getPlan(db, r.id, now)));
}

/** The protocol a plan runs under, as it was signed. */
export function protocolOfPlan(
  db: Store["db"] | Tx,
  plan: Pick<Plan, "protocolId" | "protocolVersion">,
): Promise<Protocol> {
  return signedProtocol(db, plan.protocolId, plan.protocolVersion);
}

/** Ends the plan as completed once no dose is left to give. */
export async function completeIfDone(tx: Tx, planId: string, act: Act): Promise<void> {
  const left = await tx
    .selectFrom("planDose")
    .select("number")
    .where("planId", "=", planId)
    .where("state", "=", "scheduled")
    .executeTakeFirst();
  if (left) return;
  await tx
    .updateTable("plan")
    .set({
      state: "completed",
      endedAt: act.at.toISOString(),
      endReason: "every dose given or recorded as missed",
    })
    .where("id", "=", planId)
    .where("state", "=", "active")
    .execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: "plan.complete",
    entityType: "plan",
    entityId: planId,
    after: { state: "completed" },
    at: act.at,
  });
}

async function activePlan(tx: Tx, planId: string, now: Date): Promise<Plan> {
  const plan = await getPlan(tx, planId, now);
  if (plan.state !== "active") {
    throw new CradleError("INVALID_INPUT", `plan ${planId} is ${plan.state}`, {
      field: "plan",
      value: planId,
    });
  }
  return plan;
}

/** A physician records why a dose was not given; the window need not have closed (a decision not to give). */
export async function recordMissedDose(
  store: Store,
  planId: string,
  number: number,
  reason: string,
  act: Act,
): Promise<Plan> {
  allowTherapy(act, "recordMissed", "record a dose as missed");
  check(UuidSchema, planId, "plan");
  check(DoseNumberSchema, number, "number");
  check(ReasonSchema, { reason });
  await write(store, async (tx) => {
    const plan = await activePlan(tx, planId, act.at);
    const dose = plan.doses.find((d) => d.number === number);
    if (!dose || dose.state === "given" || dose.state === "missed") {
      throw new CradleError(
        "INVALID_INPUT",
        `dose ${number} of plan ${planId} is ${dose?.state ?? "not in the plan"}`,
        {
          field: "dose",
          value: number,
        },
      );
    }
    await tx
      .updateTable("planDose")
      .set({ state: "missed", missedReason: reason })
      .where("planId", "=", planId)
      .where("number", "=", number)
      .execute();
    await tx
      .updateTable("doseOrder")
      .set({ state: "cancelled" })
      .where("planId", "=", planId)
      .where("doseNumber", "=", number)
      .where("state", "in", ["ordered", "verified"])
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "plan.dose-missed",
      entityType: "plan",
      entityId: planId,
      before: { number, state: dose.state },
      after: { number, state: "missed" },
      reason,
      at: act.at,
    });
    await completeIfDone(tx, planId, act);
  });
  return getPlan(store.db, planId, act.at);
}

export async function withdrawPlan(store: Store, planId: string, reason: string, act: Act): Promise<Plan> {
  allowTherapy(act, "enrol", "withdraw plans");
  check(UuidSchema, planId, "plan");
  check(ReasonSchema, { reason });
  await write(store, async (tx) => {
    await activePlan(tx, planId, act.at);
    await tx
      .updateTable("plan")
      .set({ state: "withdrawn", endedAt: act.at.toISOString(), endReason: reason })
      .where("id", "=", planId)
      .execute();
    await tx
      .updateTable("doseOrder")
      .set({ state: "cancelled" })
      .where("planId", "=", planId)
      .where("state", "in", ["ordered", "verified"])
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "plan.withdraw",
      entityType: "plan",
      entityId: planId,
      after: { state: "withdrawn" },
      reason,
      at: act.at,
    });
  });
  return getPlan(store.db, planId, act.at);
}

/**
 * Time-critical doses for the dashboard: every dose of an active plan not yet given or recorded missed,
 * whose window opens within the horizon, the most urgent first.
 */
export async function dueDoses(
  store: Store,
  act: Pick<Act, "user" | "at">,
  query: { horizonHours?: number } = {},
): Promise<DueDose[]> {
  allowTherapy(act, "readPatients", "read patients");
  const horizonHours = check(DueQuerySchema, query).horizonHours ?? 72;
  const now = act.at;
  const rows = await store.db
    .selectFrom("planDose")
    .innerJoin("plan", "plan.id", "planDose.planId")
    .innerJoin("patient", "patient.mrn", "plan.mrn")
    .select([
      "plan.id as planId",
      "plan.mrn as mrn",
      "patient.givenName",
      "patient.familyName",
      "plan.protocolId",
      "planDose.number",
      "planDose.earliest",
      "planDose.latest",
    ])
    .where("plan.state", "=", "active")
    .where("planDose.state", "=", "scheduled")
    .where("planDose.earliest", "<=", new Date(now.getTime() + horizonHours * 3_600_000).toISOString())
    .orderBy("planDose.latest")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    planId: r.planId,
    mrn: r.mrn,
    name: `${r.familyName}, ${r.givenName}`,
    protocolId: r.protocolId,
    number: r.number,
    earliest: r.earliest,
    latest: r.latest,
    state: windowState(r, now),
    msToLatest: Date.parse(r.latest) - now.getTime(),
  }));
}
