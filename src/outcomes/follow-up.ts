/**
 * Follow-up: each protocol's visits (visits.ts), the forms recorded at them, and which are due or overdue.
 * Plans and patients are therapy's, read through its exported functions.
 */
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { type Plan, getPatient, getPlan, treatedPlans } from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import { pmaDays, weeksAndDays } from "./bpd.js";
import { deathOf, describeDeath, recordDeathIn } from "./deaths.js";
import type { FormName } from "./form-fields.js";
import { checkForm } from "./forms.js";
import {
  type FieldValue,
  type FollowUpForm,
  IdParamsSchema,
  type NewFollowUp,
  NewFollowUpSchema,
  type OverdueVisit,
  type VISIT_STATES,
  type Visit,
} from "./schemas.js";
import { VISITS, type VisitDefinition, daysOutsideWindow, visitDay } from "./visits.js";

const DAY = 86_400_000;

export type VisitState = (typeof VISIT_STATES)[number];

/** What a schedule needs of the baby: the birth and the gestational age at birth. */
export type Birth = { birthAt: string; gestationalWeeks: number; gestationalDays: number };

export function scheduleOf(
  plan: Pick<Plan, "protocolId" | "day0">,
  birth: Birth,
  forms: readonly FollowUpForm[],
  now: Date,
): Visit[] {
  const def = VISITS[plan.protocolId];
  if (!def) return [];
  const anchor = def.anchor === "day0" ? plan.day0 : birth.birthAt;
  if (!anchor) return [];
  const t0 = Date.parse(anchor);
  const gestation = birth.gestationalWeeks * 7 + birth.gestationalDays;
  return def.visits.map(({ pmaDays, ...defined }) => {
    const v = { ...defined, day: visitDay({ day: defined.day, pmaDays }, gestation) };
    const due = t0 + v.day * DAY;
    const overdueAfter = due + v.tolerance * DAY;
    const mine = forms.filter((f) => f.visit === v.visit);
    const recorded = [...new Set(mine.map((f) => f.form))];
    const t = now.getTime();
    const state: VisitState =
      recorded.length > 0
        ? "done"
        : t < due - v.tolerance * DAY
          ? "upcoming"
          : t <= overdueAfter
            ? "due"
            : "overdue";
    const outOfWindow = mine.flatMap((f) => {
      const day = Math.floor((Date.parse(f.observedAt) - t0) / DAY);
      const daysOff = daysOutsideWindow(v, day);
      return daysOff === 0 ? [] : [{ formId: f.id, form: f.form, day, daysOff }];
    });
    return {
      ...v,
      dueAt: new Date(due).toISOString(),
      overdueAfter: new Date(overdueAfter).toISOString(),
      state,
      recorded,
      outOfWindow,
    };
  });
}

export async function recordFollowUp(store: Store, input: NewFollowUp, act: Act): Promise<FollowUpForm> {
  allowOutcomes(act, "recordFollowUp", "record follow-up forms");
  const given = check(NewFollowUpSchema, input);
  const observedAt = pastInstant("observedAt", given.observedAt, act.at);
  const data = checkForm(given.form, given.data ?? {});
  return write(store, async (tx) => {
    const plan = await getPlan(tx, given.planId, act.at);
    const visits = VISITS[plan.protocolId]?.visits ?? [];
    const visit = visits.find((v) => v.visit === given.visit);
    if (!visit) {
      const reason = `is not a visit of ${plan.protocolId} (${visits.map((v) => v.visit).join(", ")})`;
      throw new CradleError("INVALID_INPUT", `visit "${given.visit}" ${reason}`, {
        field: "visit",
        value: given.visit,
        reason,
      });
    }
    if (!visit.forms.includes(given.form)) {
      const reason = `is not collected at ${visit.visit} (${visit.forms.join(", ")})`;
      throw new CradleError("INVALID_INPUT", `form "${given.form}" ${reason}`, {
        field: "form",
        value: given.form,
        reason,
      });
    }
    if (given.form === "bpd") await atPma(tx, plan.mrn, visit, observedAt);
    const death = await deathOf(tx, plan.mrn);
    if (
      given.form === "vital-status" &&
      data.alive === true &&
      death &&
      observedAt.slice(0, 10) > death.diedOn
    ) {
      const reason = `contradicts the recorded death: ${describeDeath(death)}`;
      throw new CradleError("INVALID_INPUT", `data.alive true ${reason}`, {
        field: "data.alive",
        value: true,
        reason,
      });
    }
    const f: FollowUpForm = {
      id: crypto.randomUUID(),
      planId: plan.id,
      mrn: plan.mrn,
      visit: visit.visit,
      form: given.form,
      observedAt,
      data,
      recordedAt: act.at.toISOString(),
      recordedBy: act.user.username,
    };
    await tx
      .insertInto("followUpForm")
      .values({ ...f, data: JSON.stringify(data) })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: `follow-up.${f.form}`,
      entityType: "patient",
      entityId: plan.mrn,
      after: f,
      at: act.at,
    });
    if (f.form === "vital-status" && data.alive === false) {
      await recordDeathIn(
        tx,
        {
          mrn: plan.mrn,
          diedOn: String(data.deathDate),
          cause: String(data.cause).trim(),
          source: "follow-up",
          sourceId: f.id,
          field: "data.deathDate",
        },
        act,
      );
    }
    return f;
  });
}

/**
 * A form graded at a postmenstrual age (BPD at 36 weeks) is refused outside the visit's tolerance: its
 * definition holds at that age only, so a late or early assessment is not the same measure.
 */
async function atPma(tx: Tx, mrn: string, visit: VisitDefinition, observedAt: string): Promise<void> {
  if (visit.pmaDays === undefined) return;
  const baby = await getPatient(tx, mrn);
  const pma = pmaDays(baby, observedAt);
  const off = pma - visit.pmaDays;
  if (Math.abs(off) <= visit.tolerance) return;
  const reason =
    `is at ${weeksAndDays(pma)} weeks postmenstrual age (born at ${baby.gestationalWeeks}+${baby.gestationalDays}` +
    ` on ${baby.birthAt}), ${Math.abs(off)} days ${off < 0 ? "before" : "after"} ${weeksAndDays(visit.pmaDays)};` +
    ` the ${visit.visit} assessment is accepted ${visit.tolerance} days either side`;
  throw new CradleError("INVALID_INPUT", `observedAt "${observedAt}" ${reason}`, {
    field: "observedAt",
    value: observedAt,
    reason,
  });
}

/** Forms as stored, oldest first: a fact read inside outcomes (the callers check the reader's role). */
export async function formsOf(
  db: Store["db"] | Tx,
  filter: { planId?: string; mrn?: string },
): Promise<FollowUpForm[]> {
  let q = db.selectFrom("followUpForm").selectAll();
  if (filter.planId) q = q.where("planId", "=", filter.planId);
  if (filter.mrn) q = q.where("mrn", "=", filter.mrn);
  const rows = await q.orderBy("observedAt").execute();
  return rows.map((r) => ({
    ...r,
    visit: r.visit as FollowUpForm["visit"],
    form: r.form as FormName,
    data: JSON.parse(r.data) as Record<string, FieldValue>,
  }));
}

/** A plan's visits with what is recorded. */
export async function planFollowUp(
  store: Store,
  planId: string,
  act: Act,
): Promise<{ visits: Visit[]; forms: FollowUpForm[] }> {
  allowOutcomes(act, "readOutcomes", "read outcomes");
  check(IdParamsSchema, { id: planId });
  const plan = await getPlan(store.db, planId, act.at);
  const patient = await getPatient(store.db, plan.mrn);
  const forms = await formsOf(store.db, { planId });
  return { visits: scheduleOf(plan, patient, forms, act.at), forms };
}

/** Every overdue visit of every plan that was treated (not withdrawn before a dose), for the dashboard. */
export async function overdueFollowUps(store: Store, act: Act): Promise<OverdueVisit[]> {
  allowOutcomes(act, "readOutcomes", "read outcomes");
  const plans = await treatedPlans(store.db);
  const byPlan = formsByPlan(await formsOf(store.db, {}));
  return plans.flatMap((p) =>
    scheduleOf(p, p, byPlan.get(p.id) ?? [], act.at)
      .filter((v) => v.state === "overdue")
      .map((v) => ({
        planId: p.id,
        mrn: p.mrn,
        name: `${p.familyName}, ${p.givenName}`,
        protocolId: p.protocolId,
        visit: v.visit,
        dueAt: v.dueAt,
        forms: v.forms,
      })),
  );
}

/** Forms grouped by their plan, read once for many plans. */
export function formsByPlan(forms: readonly FollowUpForm[]): Map<string, FollowUpForm[]> {
  const byPlan = new Map<string, FollowUpForm[]>();
  for (const f of forms) {
    const list = byPlan.get(f.planId);
    if (list) list.push(f);
    else byPlan.set(f.planId, [f]);
  }
  return byPlan;
}

/** Forms recorded at the treated plans' visits, and how many of them outside their visit's window. */
export async function visitWindowCounts(
  db: Store["db"] | Tx,
  now: Date,
): Promise<{ forms: number; outOfWindow: number }> {
  const plans = await treatedPlans(db);
  const byPlan = formsByPlan(await formsOf(db, {}));
  let forms = 0;
  let outOfWindow = 0;
  for (const p of plans) {
    const mine = byPlan.get(p.id) ?? [];
    forms += mine.length;
    for (const v of scheduleOf(p, p, mine, now)) outOfWindow += v.outOfWindow.length;
  }
  return { forms, outOfWindow };
}
