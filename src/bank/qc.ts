import type { Act } from "../accounts/act.js";
/**
 * QC results: cell counts, viability, colony-forming units, sterility, infectious disease markers, HLA
 * typing and ABO/RhD, each at a stage. Every test has one kind of value, checked on entry; a result is
 * never edited, a retest is a new result. A result that contradicts an earlier one of the same test and
 * stage (negative after reactive, reactive after negative) is refused unless it is marked a repeat or a
 * confirmatory test with a reason. A failed or reactive result puts the product on hold (holds.ts).
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { QC_RECORDABLE, QC_TESTS, type QcSpec, type QcStage, type QcTest } from "./constants.js";
import { auditRefusals } from "./hold-checks.js";
import { holdReason, isReactive, placeHolds } from "./holds.js";
import { plausibleRange } from "./plausible-ranges.js";
import { type Product, type ProductRef, checkAboRhD, findProduct } from "./products.js";
import { MATERIAL_REFUSALS, checkMaterials, recordMaterialUse } from "./quality/materials.js";
import { type Given, type QcInput, QcInputSchema, type QcResult } from "./schemas.js";

export { IDM_MARKERS, QC_STAGES, QC_TESTS } from "./constants.js";
export type { QcStage, QcTest } from "./constants.js";
export type { QcInput, QcResult } from "./schemas.js";

export interface QcOptions {
  /** Checks an HLA GL string against the IMGT/HLA release; throws a CradleError naming the token. */
  validateHla?: (glString: string) => void;
}

function checkValue(
  input: Given<QcInput>,
  options: QcOptions,
): { test: QcTest; stage: QcStage; value: number | null; result: string | null; unit: string | null } {
  const q = check(QcInputSchema, input);
  const { test, stage } = q;
  const spec: QcSpec = QC_TESTS[test];
  if (spec.kind === "number") {
    if (q.value === undefined || !Number.isFinite(q.value)) {
      throw new CradleError("INVALID_INPUT", `${test}: a number (${spec.unit}) is required`, {
        field: "value",
        test,
      });
    }
    if (q.value < spec.min || q.value > spec.max) {
      throw new CradleError(
        "INVALID_INPUT",
        `${test} ${q.value} ${spec.unit} is outside ${spec.min} to ${spec.max}`,
        {
          field: "value",
          value: q.value,
          test,
        },
      );
    }
    return { test, stage, value: q.value, result: null, unit: spec.unit };
  }
  const result = q.result?.trim();
  if (result === undefined || result === "") {
    throw new CradleError("INVALID_INPUT", `${test}: a result is required`, { field: "result", test });
  }
  if (spec.kind === "category" && !spec.values.includes(result)) {
    throw new CradleError(
      "INVALID_INPUT",
      `${test} result "${result}" is not one of ${spec.values.join(", ")}`,
      {
        field: "result",
        value: result,
        test,
      },
    );
  }
  if (test === "abo") checkAboRhD(result, "result");
  if (test === "hla") {
    if (!options.validateHla) {
      throw new CradleError(
        "INVALID_INPUT",
        "hla: no IMGT/HLA release is loaded to check the typing against",
        { field: "result" },
      );
    }
    options.validateHla(result);
  }
  return { test, stage, value: null, result, unit: null };
}

export async function recordQc(
  store: Store,
  ref: ProductRef,
  q: Given<QcInput>,
  act: Act,
  options: QcOptions = {},
): Promise<QcResult> {
  allow(act, "qc");
  const v = checkValue(q, options);
  const testedAt = new Date(pastInstant("testedAt", q.testedAt, act.at));
  const retestReason = q.reason?.trim() || null;
  if (q.retest !== undefined && retestReason === null) {
    throw new CradleError("INVALID_INPUT", `reason: a ${q.retest} test says why it was done`, {
      field: "reason",
    });
  }
  const confirmReason = q.confirmReason?.trim() || null;
  if (q.confirmImplausible === true && confirmReason === null) {
    throw new CradleError(
      "INVALID_INPUT",
      "confirmReason: a confirmed implausible value says why it is right",
      {
        field: "confirmReason",
      },
    );
  }
  return auditRefusals(
    store,
    act,
    `product.qc.${v.test}`,
    ref,
    ["RESULT_CONTRADICTS", "QC_VALUE_IMPLAUSIBLE", ...MATERIAL_REFUSALS],
    () =>
      write(store, async (tx) => {
        const product = await findProduct(tx, ref);
        if (!QC_RECORDABLE.includes(product.status)) {
          throw new CradleError(
            "STATUS_TRANSITION_ILLEGAL",
            `product ${product.id} is ${product.status}: QC results are recorded while it is ${QC_RECORDABLE.join(", ")}`,
            {
              field: "status",
              productId: product.id,
            },
          );
        }
        if (v.test === "abo" && product.aboRhD !== null && product.aboRhD !== v.result) {
          throw new CradleError(
            "INVALID_INPUT",
            `abo result ${v.result} differs from the product's ${product.aboRhD}: resolve the discrepancy before recording`,
            { field: "result", value: v.result, productAboRhD: product.aboRhD },
          );
        }
        const used = await checkMaterials(tx, q, q.testedAt, product.id);
        const range = v.value === null ? undefined : await plausibleRange(tx, v.test, product.source);
        const implausible =
          range !== undefined && v.value !== null && (v.value < range.low || v.value > range.high);
        if (implausible && (q.confirmImplausible !== true || confirmReason === null)) {
          throw new CradleError(
            "QC_VALUE_IMPLAUSIBLE",
            `${v.test} ${v.value} ${v.unit} is outside the plausible range ${range.low} to ${range.high} ${range.unit} for ${product.source}, set on the basis "${range.basis}": check the value, or confirm it with a reason`,
            {
              field: "value",
              value: v.value,
              test: v.test,
              source: product.source,
              low: range.low,
              high: range.high,
              productId: product.id,
            },
          );
        }
        const earlier = await effectiveQc(tx, product);
        const contradicted = earlier.find(
          (r) =>
            r.test === v.test &&
            r.stage === v.stage &&
            r.result !== null &&
            v.result !== null &&
            (r.result === "negative" || isReactive(r.test, r.result)) &&
            (v.result === "negative" || isReactive(v.test, v.result)) &&
            isReactive(r.test, r.result) !== isReactive(v.test, v.result),
        );
        if (contradicted && (q.retest === undefined || retestReason === null)) {
          throw new CradleError(
            "RESULT_CONTRADICTS",
            `${v.test} ${v.stage} ${v.result} for product ${product.id} contradicts the earlier ${contradicted.result} (tested ${contradicted.testedAt}): record it as a repeat or confirmatory test with a reason`,
            {
              field: "retest",
              productId: product.id,
              test: v.test,
              stage: v.stage,
              result: v.result,
              earlier: { id: contradicted.id, result: contradicted.result, testedAt: contradicted.testedAt },
            },
          );
        }
        const row: QcResult = {
          id: crypto.randomUUID(),
          productId: product.id,
          ...v,
          method: q.method ?? null,
          testedAt: testedAt.toISOString(),
          recordedBy: act.user.username,
          recordedAt: act.at.toISOString(),
          retest: q.retest ?? null,
          retestReason,
          confirmReason: implausible ? confirmReason : null,
          plausibleMin: implausible ? range.low : null,
          plausibleMax: implausible ? range.high : null,
        };
        await tx.insertInto("qcResult").values(row).execute();
        await recordMaterialUse(
          tx,
          { productId: product.id, din: product.din, kind: "qc", recordId: row.id, usedAt: row.testedAt },
          used,
        );
        if (v.test === "abo" && product.aboRhD === null) {
          await tx
            .updateTable("product")
            .set({ aboRhd: v.result, updatedAt: row.recordedAt })
            .where("id", "=", product.id)
            .execute();
        }
        await appendAudit(tx, {
          actor: act.user.username,
          action: `product.qc.${v.test}`,
          entityType: "product",
          entityId: product.id,
          after:
            used.lots.length + used.equipment.length === 0
              ? row
              : {
                  ...row,
                  lotIds: used.lots.map((l) => l.id),
                  assetIds: used.equipment.map((e) => e.assetId),
                },
          ...(retestReason ? { reason: retestReason } : {}),
          at: act.at,
        });
        if (implausible) {
          // The override is its own event: a reviewer finds every confirmed implausible value by its kind.
          await appendAudit(tx, {
            actor: act.user.username,
            action: "product.qc.implausible-confirmed",
            entityType: "product",
            entityId: product.id,
            after: {
              resultId: row.id,
              test: v.test,
              value: v.value,
              low: range.low,
              high: range.high,
              source: product.source,
            },
            reason: confirmReason as string,
            at: act.at,
          });
        }
        const why = holdReason(product, row, earlier);
        if (why !== null) await placeHolds(tx, product, row, why, act);
        return row;
      }),
  );
}

function toResult(r: Database["qcResult"]): QcResult {
  return {
    ...r,
    test: r.test as QcTest,
    stage: r.stage as QcStage,
    retest: r.retest,
    retestReason: r.retestReason,
    value: r.value === null ? null : Number(r.value),
    plausibleMin: r.plausibleMin === null ? null : Number(r.plausibleMin),
    plausibleMax: r.plausibleMax === null ? null : Number(r.plausibleMax),
  };
}

export async function qcOf(db: Store["db"] | Tx, productId: string): Promise<QcResult[]> {
  const rows = await db
    .selectFrom("qcResult")
    .selectAll()
    .where("productId", "=", productId)
    .orderBy("testedAt")
    .orderBy("recordedAt")
    .execute();
  return rows.map(toResult);
}

/** The QC results that count for a product: its own, and its parent's before it was divided. */
export async function effectiveQc(
  db: Store["db"] | Tx,
  product: Pick<Product, "id" | "parentId">,
): Promise<QcResult[]> {
  const own = await qcOf(db, product.id);
  if (product.parentId === null) return own;
  return [...(await qcOf(db, product.parentId)), ...own];
}
