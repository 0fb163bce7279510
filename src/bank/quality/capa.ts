/**
 * Corrective and preventive actions (issue 18 part 3): each with an owner (a user), a due date and a state;
 * overdue from the day after its due date (UTC) while open. A quality manager opens and completes them.
 */
import type { Act } from "../../accounts/act.js";
import { findUser } from "../../accounts/users.js";
import { appendAudit } from "../../audit/trail.js";
import { calendarDate } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { utcDay } from "./clocks.js";
import type { CapaKind, CapaState } from "./constants.js";
import {
  type Capa,
  type CompleteCapa,
  CompleteCapaSchema,
  type NewCapa,
  NewCapaSchema,
} from "./deviation-schemas.js";

export type { Capa, NewCapa } from "./deviation-schemas.js";

type Db = Store["db"] | Tx;
type Row = Database["qualityCapa"];

/** Open and past its due date: the due date itself is still on time. */
export function isOverdue(dueDate: string, state: string, now: Date): boolean {
  return state === "open" && utcDay(now) > dueDate;
}

function toCapa(r: Row, now: Date): Capa {
  return {
    ...r,
    kind: r.kind as CapaKind,
    state: r.state as CapaState,
    overdue: isOverdue(r.dueDate, r.state, now),
  };
}

async function rowOf(db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom("qualityCapa").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new CradleError("QUALITY_RECORD_NOT_FOUND", `no CAPA ${id}`, { field: "id", value: id });
  return row;
}

export async function getCapa(db: Db, id: string, now: Date): Promise<Capa> {
  return toCapa(await rowOf(db, id), now);
}

export async function listCapas(
  db: Db,
  now: Date,
  o: { open?: boolean; deviationId?: string } = {},
): Promise<Capa[]> {
  let q = db.selectFrom("qualityCapa").selectAll();
  if (o.open) q = q.where("state", "=", "open");
  if (o.deviationId) q = q.where("deviationId", "=", o.deviationId);
  const rows = await q.orderBy("dueDate").orderBy("id").limit(500).execute();
  return rows.map((r) => toCapa(r, now));
}

export async function openCapa(store: Store, input: NewCapa, act: Act): Promise<Capa> {
  allow(act, "manageQuality");
  const c = check(NewCapaSchema, input);
  calendarDate("dueDate", c.dueDate);
  const owner = await findUser(store, c.owner.trim());
  if (!owner) {
    throw new CradleError("INVALID_INPUT", `owner: no active user ${c.owner}`, {
      field: "owner",
      value: c.owner,
    });
  }
  const id = crypto.randomUUID();
  await write(store, async (tx) => {
    if (c.deviationId !== undefined) {
      const d = await tx
        .selectFrom("qualityDeviation")
        .select("id")
        .where("id", "=", c.deviationId)
        .executeTakeFirst();
      if (!d) {
        throw new CradleError("QUALITY_RECORD_NOT_FOUND", `no deviation ${c.deviationId}`, {
          field: "deviationId",
          value: c.deviationId,
        });
      }
    }
    const row: Row = {
      id,
      deviationId: c.deviationId ?? null,
      kind: c.kind,
      description: c.description,
      owner: owner.username,
      dueDate: c.dueDate,
      state: "open",
      createdAt: act.at.toISOString(),
      createdBy: act.user.username,
      outcome: null,
      completedAt: null,
      completedBy: null,
    };
    await tx.insertInto("qualityCapa").values(row).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "capa.open",
      entityType: "capa",
      entityId: id,
      after: row,
      at: act.at,
    });
  });
  return getCapa(store.db, id, act.at);
}

export async function completeCapa(store: Store, id: string, input: CompleteCapa, act: Act): Promise<Capa> {
  allow(act, "manageQuality");
  const c = check(CompleteCapaSchema, input);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.state !== "open") {
      throw new CradleError("QUALITY_STATE", `CAPA ${id} is ${before.state}: only an open one is completed`, {
        id,
      });
    }
    const set = {
      state: "done",
      outcome: c.outcome,
      completedAt: act.at.toISOString(),
      completedBy: act.user.username,
    };
    await tx.updateTable("qualityCapa").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "capa.complete",
      entityType: "capa",
      entityId: id,
      before,
      after: { ...before, ...set },
      reason: c.outcome.slice(0, 200),
      at: act.at,
    });
  });
  return getCapa(store.db, id, act.at);
}
