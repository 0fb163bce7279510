/**
 * Deviations (issue 18 part 3): a planned or unplanned deviation is recorded against the products (DINs),
 * processing steps and equipment (by asset id) it touched; a quality manager assesses its impact and
 * closes it with a signed decision. While it is not closed, none of its products may be released
 * (release.ts asks `openDeviationsOf`). One that touched distributed products carries the
 * 21 CFR 1271.350(b) clock (45 days from discovery, constants.ts CLOCK_DAYS) until assessed as not
 * reportable, or until its report is submitted; a reportable one closes only after its report.
 */
import type { Act } from "../../accounts/act.js";
import { sign } from "../../audit/signatures.js";
import { appendAudit } from "../../audit/trail.js";
import { pastInstant } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import { parseDin } from "../../isbt128/din.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { findProduct } from "../products.js";
import { clockState, dueDate } from "./clocks.js";
import {
  CLOCK_DAYS,
  DISTRIBUTED_STATUSES,
  type DeviationDecision,
  type DeviationKind,
  type DeviationLinkKind,
  type DeviationState,
} from "./constants.js";
import {
  type AssessDeviation,
  AssessDeviationSchema,
  type CloseDeviation,
  CloseDeviationSchema,
  type Deviation,
  type NewDeviation,
  NewDeviationSchema,
  type SubmitReport,
  SubmitReportSchema,
} from "./deviation-schemas.js";
import { qualitySigner } from "./signing.js";

export type { Deviation, NewDeviation } from "./deviation-schemas.js";

type Db = Store["db"] | Tx;
type Row = Database["qualityDeviation"];

async function linksOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("qualityDeviationLink")
    .selectAll()
    .where("deviationId", "in", ids)
    .orderBy("kind")
    .orderBy("ref")
    .execute();
}

function toDeviation(r: Row, links: Database["qualityDeviationLink"][], now: Date): Deviation {
  const clocked = r.reportDueDate !== null && (r.reportable === 1 || r.reportable === null);
  return {
    id: r.id,
    kind: r.kind as DeviationKind,
    discoveredAt: r.discoveredAt,
    description: r.description,
    state: r.state as DeviationState,
    distributed: r.distributed === 1,
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
    impact: r.impact,
    reportable: r.reportable === null ? null : r.reportable === 1,
    assessedAt: r.assessedAt,
    assessedBy: r.assessedBy,
    report: clocked
      ? {
          dueDate: r.reportDueDate as string,
          state: clockState(r.reportDueDate as string, r.reportSubmittedAt, now),
          submittedAt: r.reportSubmittedAt,
          reference: r.reportReference,
          submittedBy: r.reportSubmittedBy,
        }
      : null,
    decision: r.decision as DeviationDecision | null,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
    closureSignatureId: r.closureSignatureId,
    links: links
      .filter((l) => l.deviationId === r.id)
      .map((l) => ({ kind: l.kind as DeviationLinkKind, ref: l.ref, din: l.din })),
  };
}

function notFound(id: string): CradleError {
  return new CradleError("QUALITY_RECORD_NOT_FOUND", `no deviation ${id}`, { field: "id", value: id });
}

async function rowOf(db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom("qualityDeviation").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

export async function getDeviation(db: Db, id: string, now: Date): Promise<Deviation> {
  const row = await rowOf(db, id);
  return toDeviation(row, await linksOf(db, [id]), now);
}

/** Deviations, newest discovered first; `open` lists those not closed. */
export async function listDeviations(db: Db, now: Date, o: { open?: boolean } = {}): Promise<Deviation[]> {
  let q = db.selectFrom("qualityDeviation").selectAll();
  if (o.open) q = q.where("state", "!=", "closed");
  const rows = await q.orderBy("discoveredAt", "desc").orderBy("id").limit(500).execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDeviation(r, links, now));
}

/** The deviations that bar this product's release: every one not closed, and one closed as rejected. */
export async function openDeviationsOf(
  db: Db,
  productId: string,
): Promise<{ id: string; description: string }[]> {
  return db
    .selectFrom("qualityDeviationLink")
    .innerJoin("qualityDeviation", "qualityDeviation.id", "qualityDeviationLink.deviationId")
    .select(["qualityDeviation.id", "qualityDeviation.description"])
    .where("qualityDeviationLink.kind", "=", "product")
    .where("qualityDeviationLink.ref", "=", productId)
    .where((eb) =>
      eb.or([eb("qualityDeviation.state", "!=", "closed"), eb("qualityDeviation.decision", "=", "reject")]),
    )
    .orderBy("qualityDeviation.discoveredAt")
    .execute();
}

/** The refusal of a release while a deviation is open, naming each deviation. */
export function deviationOpenError(productId: string, open: readonly { id: string; description: string }[]) {
  return new CradleError(
    "DEVIATION_OPEN",
    `product ${productId} is under deviation ${open.map((d) => `${d.id} (${d.description.slice(0, 80)})`).join(", ")}: release is refused until a quality manager closes it accepting the product`,
    { productId, deviations: open.map((d) => d.id) },
  );
}

async function productsOf(tx: Tx, refs: NewDeviation["products"]) {
  const out = new Map<string, { id: string; din: string; status: string }>();
  for (const ref of refs ?? []) {
    if (ref.product !== undefined) {
      const p = await findProduct(tx, ref);
      out.set(p.id, { id: p.id, din: p.din, status: p.status });
      continue;
    }
    const din = parseDin(ref.din);
    const rows = await tx
      .selectFrom("product")
      .select(["id", "din", "status"])
      .where("din", "=", din.id)
      .orderBy("id")
      .execute();
    if (rows.length === 0) await findProduct(tx, ref); // refuses, naming the DIN
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()];
}

export async function recordDeviation(store: Store, input: NewDeviation, act: Act): Promise<Deviation> {
  allow(act, "recordDeviation");
  const d = check(NewDeviationSchema, input);
  const discoveredAt = pastInstant("discoveredAt", d.discoveredAt, act.at);
  const id = crypto.randomUUID();
  await write(store, async (tx) => {
    const products = await productsOf(tx, d.products);
    const steps = [...new Set(d.steps ?? [])];
    for (const s of steps) {
      const step = await tx.selectFrom("processingStep").select("id").where("id", "=", s).executeTakeFirst();
      if (!step) {
        throw new CradleError("INVALID_INPUT", `steps: no processing step ${s}`, {
          field: "steps",
          value: s,
        });
      }
    }
    const equipment = [...new Set((d.equipment ?? []).map((e) => e.trim()))];
    if (products.length + steps.length + equipment.length === 0) {
      throw new CradleError(
        "INVALID_INPUT",
        "products: a deviation names at least one product, processing step or piece of equipment it touched",
        { field: "products" },
      );
    }
    const distributed = products.some((p) => (DISTRIBUTED_STATUSES as readonly string[]).includes(p.status));
    const row: Row = {
      id,
      kind: d.kind,
      discoveredAt,
      description: d.description,
      distributed: distributed ? 1 : 0,
      state: "open",
      recordedAt: act.at.toISOString(),
      recordedBy: act.user.username,
      impact: null,
      reportable: null,
      assessedAt: null,
      assessedBy: null,
      reportDueDate: distributed ? dueDate(discoveredAt, CLOCK_DAYS.deviation) : null,
      reportSubmittedAt: null,
      reportReference: null,
      reportSubmittedBy: null,
      decision: null,
      closedAt: null,
      closedBy: null,
      closureSignatureId: null,
    };
    await tx.insertInto("qualityDeviation").values(row).execute();
    const links = [
      ...products.map((p) => ({ deviationId: id, kind: "product", ref: p.id, din: p.din })),
      ...steps.map((s) => ({ deviationId: id, kind: "step", ref: s, din: null })),
      ...equipment.map((e) => ({ deviationId: id, kind: "equipment", ref: e, din: null })),
    ];
    for (const l of links) await tx.insertInto("qualityDeviationLink").values(l).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "deviation.record",
      entityType: "deviation",
      entityId: id,
      after: { ...row, links },
      at: act.at,
    });
    for (const p of products) {
      await appendAudit(tx, {
        actor: act.user.username,
        action: "deviation.link",
        entityType: "product",
        entityId: p.id,
        after: { deviationId: id },
        reason: d.description.slice(0, 200),
        at: act.at,
      });
    }
  });
  return getDeviation(store.db, id, act.at);
}

function requireState(row: Row, states: readonly DeviationState[], step: string): void {
  if (!(states as readonly string[]).includes(row.state)) {
    throw new CradleError(
      "QUALITY_STATE",
      `deviation ${row.id} is ${row.state}: ${step} needs it ${states.join(" or ")}`,
      { id: row.id, state: row.state },
    );
  }
}

export async function assessDeviation(
  store: Store,
  id: string,
  input: AssessDeviation,
  act: Act,
): Promise<Deviation> {
  allow(act, "manageQuality");
  const a = check(AssessDeviationSchema, input);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    requireState(before, ["open", "assessed"], "an impact assessment");
    if (a.reportable && before.distributed !== 1) {
      throw new CradleError(
        "INVALID_INPUT",
        "reportable: 21 CFR 1271.350(b) reports deviations in distributed products, and this one touched none",
        { field: "reportable", value: true },
      );
    }
    const set = {
      impact: a.impact,
      reportable: a.reportable ? 1 : 0,
      assessedAt: act.at.toISOString(),
      assessedBy: act.user.username,
      state: "assessed",
    };
    await tx.updateTable("qualityDeviation").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "deviation.assess",
      entityType: "deviation",
      entityId: id,
      before,
      after: { ...before, ...set },
      reason: a.impact.slice(0, 200),
      at: act.at,
    });
  });
  return getDeviation(store.db, id, act.at);
}

/** Records the 1271.350(b) report as submitted: when, the authority's reference, who. */
export async function submitDeviationReport(
  store: Store,
  id: string,
  input: SubmitReport,
  act: Act,
): Promise<Deviation> {
  allow(act, "manageQuality");
  const r = check(SubmitReportSchema, input);
  const submittedAt = pastInstant("submittedAt", r.submittedAt, act.at);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.reportable !== 1) {
      throw new CradleError(
        "QUALITY_STATE",
        `deviation ${id} is not assessed as reportable: there is no report to submit`,
        { id, field: "reportable" },
      );
    }
    if (before.reportSubmittedAt !== null) {
      throw new CradleError("QUALITY_STATE", `deviation ${id}'s report was already submitted`, { id });
    }
    if (submittedAt < before.discoveredAt) {
      throw new CradleError(
        "INVALID_INPUT",
        `submittedAt ${submittedAt} is before the discovery at ${before.discoveredAt}`,
        { field: "submittedAt", value: r.submittedAt },
      );
    }
    const set = {
      reportSubmittedAt: submittedAt,
      reportReference: r.reference,
      reportSubmittedBy: act.user.username,
    };
    await tx.updateTable("qualityDeviation").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "deviation.report",
      entityType: "deviation",
      entityId: id,
      before,
      after: { ...before, ...set },
      at: act.at,
    });
  });
  return getDeviation(store.db, id, act.at);
}

/** Closes an assessed deviation with a quality manager's signed decision (meaning "approved"). */
export async function closeDeviation(
  store: Store,
  id: string,
  input: CloseDeviation,
  password: string,
  act: Act,
): Promise<Deviation> {
  allow(act, "manageQuality");
  const c = check(CloseDeviationSchema, input);
  const signer = await qualitySigner(store, act, password, "approved", "deviation", id);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    requireState(before, ["assessed"], "closing");
    if (before.reportable === 1 && before.reportSubmittedAt === null) {
      throw new CradleError(
        "QUALITY_STATE",
        `deviation ${id} is reportable under 21 CFR 1271.350(b): record its submitted report before closing it`,
        { id },
      );
    }
    const links = await linksOf(tx, [id]);
    const signature = await sign(tx, signer, {
      meaning: "approved",
      entityType: "deviation",
      entityId: id,
      record: { deviation: before, links, decision: c.decision, reason: c.reason },
      at: act.at,
    });
    const set = {
      state: "closed",
      decision: c.decision,
      closedAt: act.at.toISOString(),
      closedBy: act.user.username,
      closureSignatureId: signature.id,
    };
    await tx
      .updateTable("qualityDeviation")
      .set(set)
      .where("id", "=", id)
      .where("state", "=", "assessed")
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "deviation.close",
      entityType: "deviation",
      entityId: id,
      before,
      after: { ...before, ...set },
      reason: c.reason,
      at: act.at,
    });
  });
  return getDeviation(store.db, id, act.at);
}
