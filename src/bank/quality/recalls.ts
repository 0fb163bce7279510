import type { Act } from "../../accounts/act.js";
/**
 * Recalls (issue 18 part 2). Opening one runs the look-back inside its transaction and, in that same
 * transaction, puts every affected product that has not ended (discarded, infused, divided) on hold with
 * source "recall" (bank/holds.ts's holds: only a quality manager's signed disposition closes one), keeps
 * where each product was, and lists the actions: hold each product, retrieve each one shipped out, notify
 * each receiving centre and treating physician (with the generated notice). Each action is closed with who,
 * when and what was done; a hold action only once its hold is closed. The recall closes only when every
 * action is closed, by a quality manager's electronic signature (meaning "approved"). Every step audited.
 */
import { authenticate } from "../../accounts/users.js";
import {
  type Signature,
  type SignatureMeaning,
  auditedSignatureAuth,
  sign,
  signatureById,
} from "../../audit/signatures.js";
import { appendAudit } from "../../audit/trail.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { BANK_ROLES } from "../constants.js";
import type { Hold } from "../schemas.js";
import { lookback, partiesOf } from "./lookback.js";
import type { LookbackOrigin, RecallActionKind, RecallState } from "./material-constants.js";
import {
  type AffectedProduct,
  type CloseAction,
  CloseActionSchema,
  type CloseRecall,
  CloseRecallSchema,
  type OpenRecall,
  OpenRecallSchema,
  type RecallAction,
  type RecallRecord,
  type RecallSummary,
} from "./recall-schemas.js";

type Db = Store["db"] | Tx;

/** Products whose cells are gone or live in their divisions: nothing to hold. */
const ENDED = new Set(["discarded", "infused", "divided"]);
const AWAY = new Set(["shipped", "received"]);
const CLOSE_MEANING: SignatureMeaning = "approved";

/** Opens a recall from a look-back: holds, whereabouts and actions in one transaction. */
export async function openRecall(store: Store, input: OpenRecall, act: Act): Promise<RecallRecord> {
  allow(act, "recall");
  const r = check(OpenRecallSchema, input);
  const reason = r.reason.trim();
  if (reason === "")
    throw new CradleError("INVALID_INPUT", "reason: say why the products are recalled", { field: "reason" });
  const id = await write(store, async (tx) => {
    const found = await lookback(tx, {
      origin: r.origin,
      ref: r.ref,
      ...(r.from === undefined ? {} : { from: r.from }),
      ...(r.to === undefined ? {} : { to: r.to }),
    });
    if (found.products.length === 0) {
      throw new CradleError(
        "NOTHING_AFFECTED",
        `ref: the look-back from ${r.origin} ${r.ref} finds no product`,
        {
          field: "ref",
          value: r.ref,
        },
      );
    }
    const at = act.at.toISOString();
    const recall: Database["recall"] = {
      id: crypto.randomUUID(),
      origin: found.origin,
      originRef: found.ref,
      windowFrom: found.from,
      windowTo: found.to,
      reason,
      state: "open",
      openedAt: at,
      openedBy: act.user.username,
      closedAt: null,
      closedBy: null,
      closeSignatureId: null,
      closeNote: null,
    };
    await tx.insertInto("recall").values(recall).execute();
    const actions: Database["recallAction"][] = [];
    const action = (
      kind: RecallActionKind,
      description: string,
      extra: { productId?: string; party?: string; message?: string },
    ) =>
      actions.push({
        id: crypto.randomUUID(),
        recallId: recall.id,
        seq: actions.length + 1,
        kind,
        productId: extra.productId ?? null,
        party: extra.party ?? null,
        description,
        message: extra.message ?? null,
        state: "open",
        closedAt: null,
        closedBy: null,
        outcome: null,
      });
    for (const p of found.products) {
      const hold = !ENDED.has(p.status);
      await tx
        .insertInto("recallProduct")
        .values({
          recallId: recall.id,
          productId: p.productId,
          din: p.din,
          statusAtRecall: p.status,
          whereabouts: JSON.stringify(p),
          held: hold ? 1 : 0,
        })
        .execute();
      if (hold) {
        await holdForRecall(tx, p, recall, act);
        action(
          "hold",
          `Hold ${p.productId} (${p.status}${p.storage ? `, ${p.storage}` : ""}) until a signed disposition`,
          {
            productId: p.productId,
          },
        );
      }
      if (AWAY.has(p.status)) {
        const to = p.shipments.at(-1)?.destination ?? "the receiving centre";
        action("retrieve", `Retrieve ${p.productId} from ${to}`, { productId: p.productId, party: to });
      }
    }
    for (const party of partiesOf(found.products, reason)) {
      action("notify", `Notify ${party.kind === "centre" ? "centre" : "treating physician"} ${party.name}`, {
        party: party.name,
        message: party.message,
      });
    }
    if (actions.length > 0) await tx.insertInto("recallAction").values(actions).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "recall.open",
      entityType: "recall",
      entityId: recall.id,
      after: {
        ...recall,
        products: found.products.map((p) => ({ productId: p.productId, status: p.status, why: p.why })),
        actions: actions.map((a) => ({ seq: a.seq, kind: a.kind, productId: a.productId, party: a.party })),
      },
      reason,
      at: act.at,
    });
    return recall.id;
  });
  return recallRecord(store.db, id, act);
}

async function holdForRecall(
  tx: Tx,
  p: AffectedProduct,
  recall: Database["recall"],
  act: Act,
): Promise<void> {
  const hold: Hold = {
    id: crypto.randomUUID(),
    productId: p.productId,
    din: p.din,
    reason: `recall ${recall.id}: ${recall.reason} (${p.why})`,
    source: "recall",
    qcResultId: null,
    recallId: recall.id,
    statusAtHold: p.status,
    heldAt: act.at.toISOString(),
    heldBy: act.user.username,
    state: "open",
    disposition: null,
    dispositionReason: null,
    dispositionSignatureId: null,
    closedAt: null,
    closedBy: null,
  };
  await tx.insertInto("productHold").values(hold).execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: "product.hold",
    entityType: "product",
    entityId: p.productId,
    after: hold,
    reason: hold.reason,
    at: act.at,
  });
}

async function recallRow(db: Db, id: string): Promise<Database["recall"]> {
  const row = await db.selectFrom("recall").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new CradleError("RECALL_NOT_FOUND", `no recall has id ${id}`, { field: "id", value: id });
  return row;
}

const toAction = (a: Database["recallAction"]): RecallAction => {
  const { recallId: _, ...rest } = a;
  return { ...rest, seq: Number(a.seq), kind: a.kind as RecallActionKind, state: a.state as RecallState };
};

function summary(r: Database["recall"], products: number, openActions: number): RecallSummary {
  const { closeSignatureId: _, ...rest } = r;
  return {
    ...rest,
    origin: r.origin as LookbackOrigin,
    state: r.state as RecallState,
    products,
    openActions,
  };
}

export async function listRecalls(db: Db): Promise<RecallSummary[]> {
  const rows = await db
    .selectFrom("recall")
    .selectAll()
    .orderBy("openedAt", "desc")
    .orderBy("id")
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Two grouped counts for the page, not two queries per recall.
  const [products, actions] = await Promise.all([
    db
      .selectFrom("recallProduct")
      .select(["recallId", (eb) => eb.fn.countAll<number>().as("n")])
      .where("recallId", "in", ids)
      .groupBy("recallId")
      .execute(),
    db
      .selectFrom("recallAction")
      .select(["recallId", (eb) => eb.fn.countAll<number>().as("n")])
      .where("recallId", "in", ids)
      .where("state", "=", "open")
      .groupBy("recallId")
      .execute(),
  ]);
  const byRecall = (counted: { recallId: string; n: number | string | bigint }[]) =>
    new Map(counted.map((c) => [c.recallId, Number(c.n)]));
  const p = byRecall(products);
  const a = byRecall(actions);
  return rows.map((r) => summary(r, p.get(r.id) ?? 0, a.get(r.id) ?? 0));
}

const hasRole = (act: Act, roles: readonly string[]) => act.user.roles.some((r) => roles.includes(r));

/** A recall's whole record: what it found, where each product was and is, its actions and its signature. */
export async function recallRecord(db: Db, id: string, act: Act): Promise<RecallRecord> {
  const r = await recallRow(db, id);
  const [products, actions, signature] = await Promise.all([
    db
      .selectFrom("recallProduct")
      .innerJoin("product", "product.id", "recallProduct.productId")
      .selectAll("recallProduct")
      .select("product.status")
      .where("recallProduct.recallId", "=", id)
      .orderBy("recallProduct.din")
      .orderBy("recallProduct.productId")
      .execute(),
    db.selectFrom("recallAction").selectAll().where("recallId", "=", id).orderBy("seq").execute(),
    r.closeSignatureId === null ? Promise.resolve(undefined) : signatureById(db, r.closeSignatureId),
  ]);
  const openHolds = new Set(
    products.length === 0
      ? []
      : (
          await db
            .selectFrom("productHold")
            .select("productId")
            .where("state", "=", "open")
            .where(
              "productId",
              "in",
              products.map((p) => p.productId),
            )
            .execute()
        ).map((h) => h.productId),
  );
  const open = actions.filter((a) => a.state === "open").length;
  return {
    recall: summary(r, products.length, open),
    products: products.map((p) => ({
      productId: p.productId,
      din: p.din,
      statusAtRecall: p.statusAtRecall,
      held: Number(p.held) === 1,
      whereabouts: JSON.parse(p.whereabouts) as AffectedProduct,
      status: p.status,
      onHold: openHolds.has(p.productId),
    })),
    actions: actions.map(toAction),
    signature: signature ?? null,
    mayCloseActions: r.state === "open" && hasRole(act, BANK_ROLES.recallAction),
    mayClose: r.state === "open" && open === 0 && hasRole(act, BANK_ROLES.recall),
  };
}

/** Closes one action with what was done. A hold action closes once its recall hold is closed. */
export async function closeRecallAction(
  store: Store,
  recallId: string,
  actionId: string,
  input: CloseAction,
  act: Act,
): Promise<RecallRecord> {
  allow(act, "recallAction");
  const c = check(CloseActionSchema, input);
  const outcome = c.outcome.trim();
  if (outcome === "")
    throw new CradleError("INVALID_INPUT", "outcome: say what was done", { field: "outcome" });
  await write(store, async (tx) => {
    const r = await recallRow(tx, recallId);
    const a = await tx
      .selectFrom("recallAction")
      .selectAll()
      .where("id", "=", actionId)
      .where("recallId", "=", recallId)
      .executeTakeFirst();
    if (!a)
      throw new CradleError("RECALL_NOT_FOUND", `recall ${recallId} has no action ${actionId}`, {
        field: "actionId",
        value: actionId,
      });
    if (r.state !== "open" || a.state !== "open") {
      throw new CradleError("RECALL_CLOSED", `action ${a.seq} of recall ${recallId} is already closed`, {
        field: "actionId",
        value: actionId,
      });
    }
    if (a.kind === "hold" && a.productId !== null) {
      const open = await tx
        .selectFrom("productHold")
        .select("id")
        .where("productId", "=", a.productId)
        .where("recallId", "=", recallId)
        .where("state", "=", "open")
        .executeTakeFirst();
      if (open) {
        throw new CradleError(
          "RECALL_ACTIONS_OPEN",
          `action ${a.seq}: product ${a.productId} is still on this recall's hold: a quality manager's signed disposition closes it first`,
          { field: "actionId", value: actionId, productId: a.productId },
        );
      }
    }
    const closed = { state: "closed", closedAt: act.at.toISOString(), closedBy: act.user.username, outcome };
    await tx
      .updateTable("recallAction")
      .set(closed)
      .where("id", "=", a.id)
      .where("state", "=", "open")
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "recall.action.close",
      entityType: "recall",
      entityId: recallId,
      before: toAction(a),
      after: toAction({ ...a, ...closed }),
      reason: outcome,
      at: act.at,
    });
  });
  return recallRecord(store.db, recallId, act);
}

/**
 * Closes a recall with the quality manager's signature (the password again), once every action is closed.
 * A refusal for open actions is audited (recall.close.refused) before it goes on.
 */
export async function closeRecall(
  store: Store,
  id: string,
  input: CloseRecall,
  act: Act,
): Promise<RecallRecord> {
  allow(act, "recall");
  const c = check(CloseRecallSchema, input);
  const note = c.note.trim();
  if (note === "")
    throw new CradleError("INVALID_INPUT", "note: say how the recall ended", { field: "note" });
  await recallRow(store.db, id);
  const signer = await auditedSignatureAuth(
    store,
    {
      signer: act.user.username,
      actor: act.user.username,
      meaning: CLOSE_MEANING,
      entityType: "recall",
      entityId: id,
      at: act.at,
    },
    () =>
      authenticate(store, act.user.username, c.password, act.at, {
        purpose: "e-signature",
        address: act.address,
        code: act.code,
      }),
  );
  try {
    await write(store, async (tx) => {
      const r = await recallRow(tx, id);
      if (r.state !== "open")
        throw new CradleError("RECALL_CLOSED", `recall ${id} is already closed`, { field: "id", value: id });
      const open = await tx
        .selectFrom("recallAction")
        .select(["seq", "description"])
        .where("recallId", "=", id)
        .where("state", "=", "open")
        .orderBy("seq")
        .execute();
      if (open.length > 0) {
        throw new CradleError(
          "RECALL_ACTIONS_OPEN",
          `recall ${id} has ${open.length} open action(s): ${open
            .slice(0, 5)
            .map((a) => `${a.seq}. ${a.description}`)
            .join("; ")}${open.length > 5 ? "; …" : ""}`,
          { field: "id", value: id, open: open.map((a) => a.seq) },
        );
      }
      const actions = await tx
        .selectFrom("recallAction")
        .selectAll()
        .where("recallId", "=", id)
        .orderBy("seq")
        .execute();
      const signature: Signature = await sign(tx, signer, {
        meaning: CLOSE_MEANING,
        entityType: "recall",
        entityId: id,
        record: { recall: r, actions, note },
        at: act.at,
      });
      const closed = {
        state: "closed",
        closedAt: act.at.toISOString(),
        closedBy: act.user.username,
        closeSignatureId: signature.id,
        closeNote: note,
      };
      await tx.updateTable("recall").set(closed).where("id", "=", id).where("state", "=", "open").execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "recall.close",
        entityType: "recall",
        entityId: id,
        before: r,
        after: { ...r, ...closed },
        reason: note,
        at: act.at,
      });
    });
  } catch (e) {
    if (e instanceof CradleError && e.code === "RECALL_ACTIONS_OPEN") {
      await write(store, (tx) =>
        appendAudit(tx, {
          actor: act.user.username,
          action: "recall.close.refused",
          entityType: "recall",
          entityId: id,
          after: { code: e.code, message: e.message, details: e.details },
          reason: e.message,
          at: act.at,
        }),
      );
    }
    throw e;
  }
  return recallRecord(store.db, id, act);
}
