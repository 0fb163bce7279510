import type { Act } from "../accounts/act.js";
/**
 * Release: a product in quarantine becomes available only when every release criterion passes and a
 * responsible person signs (21 CFR 1271: a responsible person signs and dates each release). When any
 * criterion fails the release is refused, every failing rule is named, and nothing is written but the audit
 * event of the refusal (product.release.refused, with the failing criteria); a failed signature is the
 * event signature.refused.
 */
import { authenticate } from "../accounts/users.js";
import { type Signature, type Signer, auditedSignatureAuth, sign } from "../audit/signatures.js";
import type { RuleResult } from "../contract/rules.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { recordCustody } from "./custody.js";
import { auditRefusals, dispositionedResults } from "./hold-checks.js";
import { type Product, type ProductRef, findProduct, getProductById, isAutologous } from "./products.js";
import { effectiveQc } from "./qc.js";
import { deviationOpenError, openDeviationsOf } from "./quality/deviations.js";
import { DEFAULT_RELEASE_CRITERIA, type ReleaseCriterion, evaluateRelease } from "./release-criteria.js";
import { ReleaseBodySchema } from "./schemas.js";
import { signatureAttempt } from "./signing.js";
import { moveStatus, requireStatus } from "./status.js";

export interface ReleaseOutcome {
  product: Product;
  signature: Signature;
  criteria: RuleResult[];
}

/** What a product's release would say now, without writing anything. */
export async function releaseCheck(
  store: Store,
  ref: ProductRef,
  now: Date = new Date(),
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): Promise<RuleResult[]> {
  const product = await findProduct(store.db, ref);
  const qc = await effectiveQc(store.db, product);
  const dispositioned = await dispositionedResults(store.db, product.id);
  const deviations = await openDeviationsOf(store.db, product.id);
  return [
    ...evaluateRelease(
      { product, autologous: isAutologous(product.collectionType), qc, now, dispositioned },
      criteria,
    ),
    {
      rule: "no-open-deviation",
      passed: deviations.length === 0,
      reason:
        deviations.length === 0
          ? "no deviation bars the product"
          : `under deviation ${deviations.map((d) => d.id).join(", ")}: a quality manager closes it first`,
    },
  ];
}

/**
 * Releases with the signer's password given again (the act's user signs). Refused when the product is
 * not in quarantine or fails a criterion (not-expired among them).
 */
export async function releaseProduct(
  store: Store,
  ref: ProductRef,
  password: string,
  act: Act,
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): Promise<ReleaseOutcome> {
  allow(act, "release");
  check(ReleaseBodySchema, { password });
  const signer = await auditedSignatureAuth(store, await signatureAttempt(store, ref, act, "released"), () =>
    authenticate(store, act.user.username, password, act.at, {
      purpose: "e-signature",
      address: act.address,
      code: act.code,
    }),
  );
  return releaseProductSigned(store, ref, signer, act, criteria);
}

/**
 * Releases for a signer who has just authenticated (sign() refuses a sign-in older than five minutes
 * before the act). For faces that re-authenticate themselves, and for loading a demo's history.
 */
export async function releaseProductSigned(
  store: Store,
  ref: ProductRef,
  signer: Signer,
  act: Act,
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): Promise<ReleaseOutcome> {
  allow(act, "release");
  // A refused release is audited with its failing criteria (the refusal's details), as is one on hold.
  const refusals = ["PRODUCT_ON_HOLD", "RELEASE_CRITERIA_FAILED", "DEVIATION_OPEN"];
  const result = await auditRefusals(store, act, "product.release", ref, refusals, () =>
    write(store, async (tx) => {
      const product = await findProduct(tx, ref);
      requireStatus(product, ["quarantine"], "release");
      // A product under a deviation not closed (or closed rejecting it) is not released (issue 18).
      const deviations = await openDeviationsOf(tx, product.id);
      if (deviations.length > 0) throw deviationOpenError(product.id, deviations);
      const qc = await effectiveQc(tx, product);
      const dispositioned = await dispositionedResults(tx, product.id);
      const autologous = isAutologous(product.collectionType);
      const results = evaluateRelease({ product, autologous, qc, now: act.at, dispositioned }, criteria);
      const failed = results.filter((r) => !r.passed);
      if (failed.length > 0) {
        throw new CradleError(
          "RELEASE_CRITERIA_FAILED",
          `release of ${product.id} refused: ${failed.length} criteria fail: ${failed.map((f) => `${f.rule}: ${f.reason}`).join("; ")}`,
          { productId: product.id, failures: failed },
        );
      }
      const signature = await sign(tx, signer, {
        meaning: "released",
        entityType: "product",
        entityId: product.id,
        record: {
          product,
          qc: qc.map((r) => ({ id: r.id, test: r.test, stage: r.stage, value: r.value, result: r.result })),
          criteria: results,
        },
        at: act.at,
      });
      await moveStatus(
        tx,
        product,
        "available",
        act,
        `released: every criterion passed, signed by ${signer.printedName}`,
      );
      await recordCustody(tx, {
        din: product.din,
        productId: product.id,
        event: "released",
        at: act.at.toISOString(),
        by: act.user.username,
        location: product.site,
        details: { signatureId: signature.id },
      });
      return { id: product.id, signature, criteria: results };
    }),
  );
  return {
    product: await getProductById(store, result.id),
    signature: result.signature,
    criteria: result.criteria,
  };
}
