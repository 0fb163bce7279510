import type { Act } from "../accounts/act.js";
/**
 * QC results: cell counts, viability, colony-forming units, sterility, infectious disease markers, HLA
 * typing and ABO/RhD, each at a stage. Every test has one kind of value, checked on entry; a result is
 * never edited, a retest is a new result and the latest one counts.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { type Product, type ProductRef, checkAboRhD, findProduct } from "./products.js";
import type { ProductStatus } from "./status.js";

/** Infectious disease markers tested for donor eligibility (21 CFR 1271.85). */
export const IDM_MARKERS = ["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"] as const;

type Numeric = { kind: "number"; unit: string; min: number; max: number; what: string };
type Categorical = { kind: "category"; values: readonly string[]; what: string };
type Text = { kind: "text"; what: string };

export const QC_TESTS = {
  tnc: { kind: "number", unit: "cells", min: 1, max: 1e12, what: "total nucleated cells in the product" },
  cd34: { kind: "number", unit: "cells", min: 0, max: 1e11, what: "CD34+ cells in the product" },
  viability: { kind: "number", unit: "%", min: 0, max: 100, what: "viability of nucleated cells" },
  "cd34-viability": { kind: "number", unit: "%", min: 0, max: 100, what: "viability of CD34+ cells" },
  "cd45-viability": { kind: "number", unit: "%", min: 0, max: 100, what: "viability of CD45+ cells" },
  cfu: { kind: "number", unit: "CFU", min: 0, max: 1e9, what: "colony-forming units in the product" },
  sterility: {
    kind: "category",
    values: ["negative", "positive", "pending"],
    what: "bacterial and fungal culture",
  },
  hiv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "HIV-1/2" },
  hbv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "hepatitis B" },
  hcv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "hepatitis C" },
  syphilis: {
    kind: "category",
    values: ["negative", "positive", "indeterminate"],
    what: "Treponema pallidum",
  },
  htlv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "HTLV-I/II" },
  cmv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "cytomegalovirus" },
  hla: { kind: "text", what: "HLA typing as a GL string" },
  abo: { kind: "text", what: "ABO/RhD" },
} as const satisfies Record<string, Numeric | Categorical | Text>;
export type QcTest = keyof typeof QC_TESTS;

export const QC_STAGES = ["pre-processing", "post-processing", "post-thaw", "maternal"] as const;
export type QcStage = (typeof QC_STAGES)[number];

export interface QcInput {
  test: string;
  stage: string;
  /** For counts and percentages. */
  value?: number;
  /** For categorical results and text (HLA GL string, ABO/RhD). */
  result?: string;
  method?: string;
  testedAt: string;
}

/** A stored result: the table's row, with the test and stage as their own types. */
export interface QcResult extends Omit<Database["qcResult"], "test" | "stage"> {
  test: QcTest;
  stage: QcStage;
}

export interface QcOptions {
  /** Checks an HLA GL string against the IMGT/HLA release; throws a CradleError naming the token. */
  validateHla?: (glString: string) => void;
}

const RECORDABLE: readonly ProductStatus[] = [
  "in_processing",
  "quarantine",
  "available",
  "reserved",
  "received",
];

function checkValue(
  q: QcInput,
  options: QcOptions,
): { test: QcTest; stage: QcStage; value: number | null; result: string | null; unit: string | null } {
  if (!(q.test in QC_TESTS)) {
    throw new CradleError(
      "INVALID_INPUT",
      `test "${q.test}" is not one of ${Object.keys(QC_TESTS).join(", ")}`,
      {
        field: "test",
        value: q.test,
      },
    );
  }
  if (!(QC_STAGES as readonly string[]).includes(q.stage)) {
    throw new CradleError("INVALID_INPUT", `stage "${q.stage}" is not one of ${QC_STAGES.join(", ")}`, {
      field: "stage",
      value: q.stage,
    });
  }
  const test = q.test as QcTest;
  const stage = q.stage as QcStage;
  const spec: Numeric | Categorical | Text = QC_TESTS[test];
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
  q: QcInput,
  act: Act,
  options: QcOptions = {},
): Promise<QcResult> {
  allow(act, "qc");
  const v = checkValue(q, options);
  const testedAt = new Date(pastInstant("testedAt", q.testedAt, act.at));
  return write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    if (!RECORDABLE.includes(product.status)) {
      throw new CradleError(
        "STATUS_TRANSITION_ILLEGAL",
        `product ${product.id} is ${product.status}: QC results are recorded while it is ${RECORDABLE.join(", ")}`,
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
    const row: QcResult = {
      id: crypto.randomUUID(),
      productId: product.id,
      ...v,
      method: q.method ?? null,
      testedAt: testedAt.toISOString(),
      recordedBy: act.user.username,
      recordedAt: act.at.toISOString(),
    };
    await tx.insertInto("qcResult").values(row).execute();
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
      after: row,
      at: act.at,
    });
    return row;
  });
}

function toResult(r: Database["qcResult"]): QcResult {
  return {
    ...r,
    test: r.test as QcTest,
    stage: r.stage as QcStage,
    value: r.value === null ? null : Number(r.value),
  };
}

export async function qcOf(db: Store["db"], productId: string): Promise<QcResult[]> {
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
  db: Store["db"],
  product: Pick<Product, "id" | "parentId">,
): Promise<QcResult[]> {
  const own = await qcOf(db, product.id);
  if (product.parentId === null) return own;
  return [...(await qcOf(db, product.parentId)), ...own];
}
