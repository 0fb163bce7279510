import type { Kysely } from "kysely";
/**
 * The site's ranking weights (issue 17): read for every search, changed by the search managers with a
 * reason, each change audited with the weights before and after. A missing row weighs 0.
 */
import type { Act } from "../accounts/act.js";
import { requireRole } from "../accounts/users.js";
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import { type RankingWeights, allZero, zeroWeights } from "../matching/ranking-weights.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { RankingWeightsChangeSchema, type RankingWeightsView } from "./ranking-schemas.js";
import { SEARCH_ROLES } from "./report-roles.js";

async function readWeights(db: Kysely<Database> | Tx): Promise<RankingWeightsView> {
  const rows = await db.selectFrom("rankingWeight").selectAll().execute();
  const weights = zeroWeights();
  let updatedAt: string | null = null;
  let updatedBy: string | null = null;
  for (const r of rows) {
    const scale = weights[r.scale] as Record<string, number>;
    // Only names the code knows: a row for a grade a later version dropped weighs nothing.
    if (Object.hasOwn(scale, r.name)) scale[r.name] = Number(r.weight);
    if (updatedAt === null || r.updatedAt > updatedAt) {
      updatedAt = r.updatedAt;
      updatedBy = r.updatedBy;
    }
  }
  return { weights, inUse: !allZero(weights), updatedAt, updatedBy };
}

/** The weights a search ranks by (all zeros when the site has set none). */
export async function siteRankingWeights(store: Store): Promise<RankingWeights> {
  return (await readWeights(store.db)).weights;
}

export async function rankingWeights(store: Store, act: Pick<Act, "user">): Promise<RankingWeightsView> {
  requireRole(act.user, SEARCH_ROLES.readFrequencies, "read the ranking weights");
  return readWeights(store.db);
}

export async function setRankingWeights(store: Store, act: Act, input: unknown): Promise<RankingWeightsView> {
  requireRole(act.user, SEARCH_ROLES.frequencies, "change the ranking weights");
  const change = check(RankingWeightsChangeSchema, input);
  const reason = change.reason.trim();
  // Spaces, zero-width and format characters only are no reason.
  if (reason.replace(/[\p{Z}\p{Cf}\s]/gu, "") === "") {
    throw new CradleError("INVALID_INPUT", "reason: say why the ranking changes", {
      field: "reason",
      value: change.reason,
    });
  }
  const wanted = [
    ...Object.entries(change.grade ?? {}).map(([name, weight]) => ({
      scale: "grade" as const,
      name,
      weight,
    })),
    ...Object.entries(change.confidence ?? {}).map(([name, weight]) => ({
      scale: "confidence" as const,
      name,
      weight,
    })),
  ];
  if (wanted.length === 0) {
    throw new CradleError("INVALID_INPUT", "grade, confidence: name at least one weight to set", {
      field: "grade",
    });
  }
  return write(store, async (tx) => {
    const before = await readWeights(tx);
    // Saved from a view of the weights that is no longer current: another manager changed them since.
    if (change.basedOn !== undefined && change.basedOn !== before.updatedAt) {
      throw new CradleError(
        "RANKING_WEIGHTS_CHANGED",
        `the ranking weights were changed ${before.updatedAt ?? "(never)"} by ${before.updatedBy ?? "nobody"}, after the view this change was made from (${change.basedOn ?? "never changed"}): read them again`,
        { field: "basedOn", value: change.basedOn ?? "null", updatedAt: before.updatedAt },
      );
    }
    const scales = before.weights as unknown as Record<string, Record<string, number>>;
    const changes = wanted.filter((w) => scales[w.scale]?.[w.name] !== w.weight);
    // Setting what is in force changes nothing: not written, not audited.
    if (changes.length === 0) return before;
    const at = act.at.toISOString();
    for (const w of changes) {
      await tx
        .insertInto("rankingWeight")
        .values({ ...w, weight: w.weight as number, updatedAt: at, updatedBy: act.user.username })
        .onConflict((oc) =>
          oc.columns(["scale", "name"]).doUpdateSet({
            weight: w.weight as number,
            updatedAt: at,
            updatedBy: act.user.username,
          }),
        )
        .execute();
    }
    const after = await readWeights(tx);
    await appendAudit(tx, {
      actor: act.user.username,
      action: "search.ranking-weights.set",
      entityType: "ranking-weights",
      entityId: "site",
      before: before.weights,
      after: after.weights,
      reason,
      at: act.at,
    });
    return after;
  });
}
