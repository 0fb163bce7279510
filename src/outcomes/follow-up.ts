import type { Act } from "../accounts/act.js";
/**
 * Follow-up: each protocol's visits, counted from its anchor (day 0 of a transplant, or the birth), the
 * forms recorded at them, and which are due or overdue. Transplants follow CIBMTR's rhythm (day +7, +14,
 * +28, +42, +100, 6 months, then yearly to 6 years); HIE babies have Bayley-III at 12 and 24 months; MSC
 * babies a day +28 check and Bayley-III at 24 months.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { getPatient } from "../therapy/patients.js";
import { type Plan, getPlan } from "../therapy/plans.js";
import { allowOutcomes } from "./act.js";
import { type FormName, checkForm } from "./forms.js";

export interface VisitDefinition {
  visit: string;
  /** Days after the anchor. */
  day: number;
  forms: FormName[];
}

const DAY = 86_400_000;
const TRANSPLANT_EARLY: FormName[] = ["blood-counts", "acute-gvhd", "infection", "vital-status"];

export const VISITS: Readonly<Record<string, { anchor: "day0" | "birth"; visits: VisitDefinition[] }>> = {
  "allogeneic-cord-blood-transplant": {
    anchor: "day0",
    visits: [
      { visit: "day+7", day: 7, forms: TRANSPLANT_EARLY },
      { visit: "day+14", day: 14, forms: TRANSPLANT_EARLY },
      { visit: "day+28", day: 28, forms: [...TRANSPLANT_EARLY, "chimerism"] },
      { visit: "day+42", day: 42, forms: TRANSPLANT_EARLY },
      { visit: "day+100", day: 100, forms: [...TRANSPLANT_EARLY, "chimerism"] },
      { visit: "month-6", day: 183, forms: ["blood-counts", "chronic-gvhd", "infection", "vital-status"] },
      ...[1, 2, 3, 4, 5, 6].map((y) => ({
        visit: `year-${y}`,
        day: 365 * y,
        forms: ["chimerism", "chronic-gvhd", "vital-status"] as FormName[],
      })),
    ],
  },
  "hie-autologous-cord-blood": {
    anchor: "birth",
    visits: [
      { visit: "month-12", day: 365, forms: ["neurodevelopment", "vital-status"] },
      { visit: "month-24", day: 730, forms: ["neurodevelopment", "vital-status"] },
    ],
  },
  "msc-bronchopulmonary-dysplasia": {
    anchor: "birth",
    visits: [
      { visit: "day+28", day: 28, forms: ["infection", "vital-status"] },
      { visit: "month-24", day: 730, forms: ["neurodevelopment", "vital-status"] },
    ],
  },
};

export interface FollowUpForm {
  id: string;
  planId: string;
  mrn: string;
  visit: string;
  form: FormName;
  observedAt: string;
  data: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
}

export type VisitState = "upcoming" | "due" | "overdue" | "done";

export interface Visit extends VisitDefinition {
  dueAt: string;
  /** Forms are accepted until then before the visit counts as overdue. */
  overdueAfter: string;
  state: VisitState;
  recorded: FormName[];
}

/** Early visits allow a week, later ones a month. */
const graceDays = (day: number) => (day <= 100 ? 7 : 30);

export function scheduleOf(
  plan: Pick<Plan, "protocolId" | "day0">,
  birthAt: string,
  forms: readonly FollowUpForm[],
  now: Date,
): Visit[] {
  const def = VISITS[plan.protocolId];
  if (!def) return [];
  const anchor = def.anchor === "day0" ? plan.day0 : birthAt;
  if (!anchor) return [];
  return def.visits.map((v) => {
    const due = Date.parse(anchor) + v.day * DAY;
    const overdueAfter = due + graceDays(v.day) * DAY;
    const recorded = [...new Set(forms.filter((f) => f.visit === v.visit).map((f) => f.form))];
    const t = now.getTime();
    const state: VisitState =
      recorded.length > 0
        ? "done"
        : t < due - graceDays(v.day) * DAY
          ? "upcoming"
          : t <= overdueAfter
            ? "due"
            : "overdue";
    return {
      ...v,
      dueAt: new Date(due).toISOString(),
      overdueAfter: new Date(overdueAfter).toISOString(),
      state,
      recorded,
    };
  });
}

export interface NewFollowUp {
  planId: string;
  visit: string;
  form: string;
  observedAt: string;
  data: Record<string, unknown>;
}

export async function recordFollowUp(store: Store, input: NewFollowUp, act: Act): Promise<FollowUpForm> {
  allowOutcomes(act, "recordFollowUp", "record follow-up forms");
  const observedAt = pastInstant("observedAt", input.observedAt, act.at);
  const data = checkForm(input.form, input.data ?? {});
  return write(store, async (tx) => {
    const plan = await getPlan(tx, input.planId, act.at);
    const visits = VISITS[plan.protocolId]?.visits ?? [];
    const visit = visits.find((v) => v.visit === input.visit);
    if (!visit) {
      throw new CradleError(
        "INVALID_INPUT",
        `visit "${input.visit}" is not one of ${visits.map((v) => v.visit).join(", ")}`,
        {
          field: "visit",
          value: input.visit,
        },
      );
    }
    if (!visit.forms.includes(input.form as FormName)) {
      throw new CradleError(
        "INVALID_INPUT",
        `form "${input.form}" is not collected at ${visit.visit} (${visit.forms.join(", ")})`,
        {
          field: "form",
          value: input.form,
        },
      );
    }
    const f: FollowUpForm = {
      id: crypto.randomUUID(),
      planId: plan.id,
      mrn: plan.mrn,
      visit: visit.visit,
      form: input.form as FormName,
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
    return f;
  });
}

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
    form: r.form as FormName,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

/** A plan's visits with what is recorded. */
export async function planFollowUp(
  store: Store,
  planId: string,
  now: Date,
): Promise<{ visits: Visit[]; forms: FollowUpForm[] }> {
  const plan = await getPlan(store.db, planId, now);
  const patient = await getPatient(store.db, plan.mrn);
  const forms = await formsOf(store.db, { planId });
  return { visits: scheduleOf(plan, patient.birthAt, forms, now), forms };
}

/** Every overdue visit of every plan that was treated (not withdrawn before a dose), for the dashboard. */
export async function overdueFollowUps(store: Store, now: Date) {
  const plans = await store.db
    .selectFrom("plan")
    .innerJoin("patient", "patient.mrn", "plan.mrn")
    .select([
      "plan.id",
      "plan.mrn",
      "plan.protocolId",
      "plan.day0",
      "patient.birthAt",
      "patient.familyName",
      "patient.givenName",
    ])
    .where("plan.state", "in", ["active", "completed"])
    .execute();
  const byPlan = formsByPlan(await formsOf(store.db, {}));
  return plans.flatMap((p) =>
    scheduleOf(p, p.birthAt, byPlan.get(p.id) ?? [], now)
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
