/**
 * Adverse reactions and product complaints (issue 18 part 5): reported by a treating centre, linked to the
 * product (DIN) and its donor; the bank's investigation; the product impact (the other products and
 * divisions of the DIN, and the other products of the same donor); the reports to the authorities with
 * their clocks, counted in calendar days from the UTC day the bank learned of it (clocks.ts):
 * - FDA, 21 CFR 1271.350(a): 15 days, for a serious reaction involving a communicable disease;
 * - EU SoHO ("without undue delay"): the bank's number of days (CRADLE_SOHO_REPORT_DAYS), for a serious
 *   reaction.
 * Closing a case is signed by a quality manager, and refused while a report it needs is not submitted.
 */
import type { Act } from "../../accounts/act.js";
import { sign } from "../../audit/signatures.js";
import { appendAudit } from "../../audit/trail.js";
import { config } from "../../config/index.js";
import { pastInstant } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { auditRefusals } from "../hold-checks.js";
import { findProduct } from "../products.js";
import { clockState, dueDate } from "./clocks.js";
import { CLOCK_DAYS, type VigilanceKind, type VigilanceState } from "./constants.js";
import type { ReportClock } from "./deviation-schemas.js";
import { qualitySigner } from "./signing.js";
import {
  CloseVigilanceBodySchema,
  InvestigationSchema,
  type NewVigilance,
  NewVigilanceSchema,
  type VigilanceCase,
  type VigilanceReportInput,
  VigilanceReportSchema,
} from "./vigilance-schemas.js";

export type { NewVigilance, VigilanceCase } from "./vigilance-schemas.js";

type Db = Store["db"] | Tx;
type Row = Database["vigilanceCase"];

/** The days of the EU SoHO clock: the bank's setting. */
export function sohoReportDays(): number {
  return config().sohoReportDays;
}

function clock(
  due: string | null,
  submittedAt: string | null,
  reference: string | null,
  by: string | null,
  now: Date,
): ReportClock | null {
  if (due === null) return null;
  return { dueDate: due, state: clockState(due, submittedAt, now), submittedAt, reference, submittedBy: by };
}

async function related(db: Db, r: Row): Promise<VigilanceCase["related"]> {
  const sameDin = await db
    .selectFrom("product")
    .select(["id", "din", "status"])
    .where("din", "=", r.din)
    .where("id", "!=", r.productId)
    .orderBy("id")
    .execute();
  const sameDonor = await db
    .selectFrom("product")
    .innerJoin("collection", "collection.din", "product.din")
    .select(["product.id", "product.din", "product.status"])
    .where("collection.donorId", "=", r.donorId)
    .where("product.din", "!=", r.din)
    .orderBy("product.din")
    .orderBy("product.id")
    .execute();
  return [
    ...sameDin.map((p) => ({ productId: p.id, din: p.din, status: p.status, relation: "same-din" as const })),
    ...sameDonor.map((p) => ({
      productId: p.id,
      din: p.din,
      status: p.status,
      relation: "same-donor" as const,
    })),
  ];
}

async function toCase(db: Db, r: Row, now: Date): Promise<VigilanceCase> {
  return {
    id: r.id,
    kind: r.kind as VigilanceKind,
    productId: r.productId,
    din: r.din,
    donorId: r.donorId,
    centre: r.centre,
    shippedAs: r.shippedAs,
    learnedAt: r.learnedAt,
    description: r.description,
    serious: r.serious === 1,
    communicableDisease: r.communicableDisease === 1,
    state: r.state as VigilanceState,
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
    investigation: r.investigation,
    investigatedAt: r.investigatedAt,
    investigatedBy: r.investigatedBy,
    fda: clock(r.fdaDueDate, r.fdaSubmittedAt, r.fdaReference, r.fdaSubmittedBy, now),
    eu: clock(r.euDueDate, r.euSubmittedAt, r.euReference, r.euSubmittedBy, now),
    closedAt: r.closedAt,
    closedBy: r.closedBy,
    closeSignatureId: r.closeSignatureId,
    related: await related(db, r),
  };
}

async function rowOf(db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom("vigilanceCase").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row)
    throw new CradleError("QUALITY_RECORD_NOT_FOUND", `no vigilance case ${id}`, { field: "id", value: id });
  return row;
}

export async function getVigilanceCase(db: Db, id: string, now: Date): Promise<VigilanceCase> {
  return toCase(db, await rowOf(db, id), now);
}

export async function listVigilanceCases(
  db: Db,
  now: Date,
  o: { open?: boolean } = {},
): Promise<VigilanceCase[]> {
  let q = db.selectFrom("vigilanceCase").selectAll();
  if (o.open) q = q.where("state", "!=", "closed");
  const rows = await q.orderBy("learnedAt", "desc").orderBy("id").limit(500).execute();
  const out: VigilanceCase[] = [];
  for (const r of rows) out.push(await toCase(db, r, now));
  return out;
}

/** A centre's name as compared: case, spacing and punctuation aside ("City NICU" is "city  nicu."). */
const centreKey = (name: string) =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * A centre reports only on a product it had: one shipped to it (even if discarded since) or infused on
 * site. A report naming a product still in the bank, or one shipped to another centre, names the wrong
 * product (a mistyped DIN) or the wrong centre: refused rather than filed against it. A centre renamed
 * since the shipment is named as it is now, with the name it was shipped to as `shippedAs`, which must be
 * a shipment's destination; the answer is the name to keep (null when the centre is named as shipped).
 */
async function requireDistributed(
  tx: Tx,
  product: { id: string; status: string },
  centre: string,
  shippedAs: string | undefined,
): Promise<string | null> {
  const shipments = await tx
    .selectFrom("shipment")
    .select("destination")
    .where("productId", "=", product.id)
    .execute();
  const destinations = shipments.map((s) => s.destination);
  const shippedTo = (name: string) => destinations.some((d) => centreKey(d) === centreKey(name));
  if (shipments.length > 0) {
    if (shippedTo(centre)) {
      if (shippedAs === undefined) return null;
      // Kept silently it would be dropped or misfiled: the field is for a centre renamed since only.
      throw new CradleError(
        "PRODUCT_NOT_AT_CENTRE",
        `product ${product.id} was shipped to ${centre} under that name: shippedAs is only for a centre renamed since, leave it empty`,
        { field: "shippedAs", value: shippedAs, productId: product.id, destinations },
      );
    }
    if (shippedAs !== undefined) {
      if (shippedTo(shippedAs)) return shippedAs;
      throw new CradleError(
        "PRODUCT_NOT_AT_CENTRE",
        `product ${product.id} was shipped to ${destinations.join(", ")}, not to ${shippedAs}: the report names the wrong product or the wrong former name`,
        { field: "shippedAs", value: shippedAs, productId: product.id, destinations },
      );
    }
    throw new CradleError(
      "PRODUCT_NOT_AT_CENTRE",
      `product ${product.id} was shipped to ${destinations.join(", ")}, not to ${centre}: the report names the wrong product or centre (a centre renamed since is named with the name it was shipped to as shippedAs)`,
      { field: "centre", value: centre, productId: product.id, destinations },
    );
  }
  // Infused without a shipment: given on site, where the bank's own centre reports. (A shipped status with
  // no shipment on record cannot be checked against the centre.)
  if (!["shipped", "received", "infused"].includes(product.status))
    throw new CradleError(
      "PRODUCT_NOT_DISTRIBUTED",
      `product ${product.id} is ${product.status} and was never shipped: a treating centre cannot have it`,
      { field: "din", value: product.id, productId: product.id, status: product.status },
    );
  if (shippedAs === undefined) return null;
  throw new CradleError(
    "PRODUCT_NOT_AT_CENTRE",
    `product ${product.id} has no shipment on record, so it was not shipped to ${shippedAs}`,
    { field: "shippedAs", value: shippedAs, productId: product.id, destinations },
  );
}

export async function recordVigilance(
  store: Store,
  input: NewVigilance,
  act: Act,
  o: { euDays?: number } = {},
): Promise<VigilanceCase> {
  allow(act, "recordVigilance");
  const v = check(NewVigilanceSchema, input);
  const learnedAt = pastInstant("learnedAt", v.learnedAt, act.at);
  const euDays = o.euDays ?? sohoReportDays();
  const id = crypto.randomUUID();
  const ref = { din: v.din, ...(v.product ? { product: v.product } : {}) };
  await auditRefusals(
    store,
    act,
    "vigilance.record",
    ref,
    ["PRODUCT_NOT_DISTRIBUTED", "PRODUCT_NOT_AT_CENTRE"],
    () =>
      write(store, async (tx) => {
        const product = await findProduct(tx, ref);
        const shippedAs = await requireDistributed(tx, product, v.centre, v.shippedAs);
        const collection = await tx
          .selectFrom("collection")
          .select("donorId")
          .where("din", "=", product.din)
          .executeTakeFirstOrThrow();
        const reaction = v.kind === "adverse-reaction";
        const row: Row = {
          id,
          kind: v.kind,
          productId: product.id,
          din: product.din,
          donorId: collection.donorId,
          centre: v.centre,
          shippedAs,
          learnedAt,
          description: v.description,
          serious: v.serious ? 1 : 0,
          communicableDisease: v.communicableDisease ? 1 : 0,
          fdaDueDate:
            reaction && v.serious && v.communicableDisease
              ? dueDate(learnedAt, CLOCK_DAYS.fdaReaction)
              : null,
          euDueDate: reaction && v.serious ? dueDate(learnedAt, euDays) : null,
          state: "open",
          recordedAt: act.at.toISOString(),
          recordedBy: act.user.username,
          investigation: null,
          investigatedAt: null,
          investigatedBy: null,
          fdaSubmittedAt: null,
          fdaReference: null,
          fdaSubmittedBy: null,
          euSubmittedAt: null,
          euReference: null,
          euSubmittedBy: null,
          closedAt: null,
          closedBy: null,
          closeSignatureId: null,
        };
        await tx.insertInto("vigilanceCase").values(row).execute();
        await appendAudit(tx, {
          actor: act.user.username,
          action: "vigilance.record",
          entityType: "vigilance",
          entityId: id,
          after: row,
          at: act.at,
        });
        await appendAudit(tx, {
          actor: act.user.username,
          action: "vigilance.link",
          entityType: "product",
          entityId: product.id,
          after: { vigilanceId: id, kind: v.kind, centre: v.centre, shippedAs },
          at: act.at,
        });
      }),
  );
  return getVigilanceCase(store.db, id, act.at);
}

async function update(
  store: Store,
  id: string,
  act: Act,
  action: string,
  change: (before: Row) => Partial<Row>,
): Promise<VigilanceCase> {
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.state === "closed") {
      throw new CradleError("QUALITY_STATE", `vigilance case ${id} is closed`, { id, state: before.state });
    }
    const set = change(before);
    await tx.updateTable("vigilanceCase").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action,
      entityType: "vigilance",
      entityId: id,
      before,
      after: { ...before, ...set },
      at: act.at,
    });
  });
  return getVigilanceCase(store.db, id, act.at);
}

export async function recordInvestigation(
  store: Store,
  id: string,
  input: { findings: string },
  act: Act,
): Promise<VigilanceCase> {
  allow(act, "manageQuality");
  const f = check(InvestigationSchema, input);
  return update(store, id, act, "vigilance.investigate", () => ({
    state: "investigated",
    investigation: f.findings,
    investigatedAt: act.at.toISOString(),
    investigatedBy: act.user.username,
  }));
}

export async function submitVigilanceReport(
  store: Store,
  id: string,
  input: VigilanceReportInput,
  act: Act,
): Promise<VigilanceCase> {
  allow(act, "manageQuality");
  const r = check(VigilanceReportSchema, input);
  const at = pastInstant("submittedAt", r.submittedAt, act.at);
  return update(store, id, act, "vigilance.report", (before) => {
    const due = r.authority === "fda" ? before.fdaDueDate : before.euDueDate;
    const done = r.authority === "fda" ? before.fdaSubmittedAt : before.euSubmittedAt;
    if (due === null) {
      throw new CradleError("QUALITY_STATE", `vigilance case ${id} has no ${r.authority} report to submit`, {
        id,
        field: "authority",
        value: r.authority,
      });
    }
    if (done !== null) {
      throw new CradleError(
        "QUALITY_STATE",
        `vigilance case ${id}'s ${r.authority} report was already submitted`,
        { id },
      );
    }
    if (at < before.learnedAt) {
      throw new CradleError(
        "INVALID_INPUT",
        `submittedAt ${r.submittedAt} is before the bank learned of it`,
        {
          field: "submittedAt",
          value: r.submittedAt,
        },
      );
    }
    return r.authority === "fda"
      ? { fdaSubmittedAt: at, fdaReference: r.reference, fdaSubmittedBy: act.user.username }
      : { euSubmittedAt: at, euReference: r.reference, euSubmittedBy: act.user.username };
  });
}

/** Closes an investigated case, signed by a quality manager (meaning "approved"), once its reports are in. */
export async function closeVigilance(
  store: Store,
  id: string,
  input: { reason: string; password: string },
  act: Act,
): Promise<VigilanceCase> {
  allow(act, "manageQuality");
  const b = check(CloseVigilanceBodySchema, input);
  const signer = await qualitySigner(store, act, b.password, "approved", "vigilance", id);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.state !== "investigated") {
      throw new CradleError(
        "QUALITY_STATE",
        `vigilance case ${id} is ${before.state}: it is investigated before it is closed`,
        {
          id,
          state: before.state,
        },
      );
    }
    const missing = [
      before.fdaDueDate && !before.fdaSubmittedAt ? "fda" : null,
      before.euDueDate && !before.euSubmittedAt ? "eu" : null,
    ].filter((x) => x !== null);
    if (missing.length > 0) {
      throw new CradleError(
        "QUALITY_STATE",
        `vigilance case ${id}: the ${missing.join(" and ")} report is not submitted`,
        {
          id,
          missing,
        },
      );
    }
    const signature = await sign(tx, signer, {
      meaning: "approved",
      entityType: "vigilance",
      entityId: id,
      record: { case: before, reason: b.reason },
      at: act.at,
    });
    const set = {
      state: "closed",
      closedAt: act.at.toISOString(),
      closedBy: act.user.username,
      closeSignatureId: signature.id,
    };
    await tx.updateTable("vigilanceCase").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "vigilance.close",
      entityType: "vigilance",
      entityId: id,
      before,
      after: { ...before, ...set },
      reason: b.reason,
      at: act.at,
    });
  });
  return getVigilanceCase(store.db, id, act.at);
}
