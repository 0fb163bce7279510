/**
 * What a bank signature is for, named before the signer re-authenticates, so a failed e-signature is
 * audited against the product it was to sign (audit/signatures: auditedSignatureAuth).
 */
import type { Act } from "../accounts/act.js";
import type { SignatureAttempt, SignatureMeaning } from "../audit/signatures.js";
import type { Store } from "../store/connect.js";
import { type ProductRef, findProduct } from "./products.js";

/** The product a signer is about to sign for, for the audit of a refused signature (its id, else the DIN). */
export async function signatureAttempt(
  store: Store,
  ref: ProductRef,
  act: Act,
  meaning: SignatureMeaning,
): Promise<SignatureAttempt> {
  const product = await findProduct(store.db, ref).catch(() => undefined);
  return {
    signer: act.user.username,
    actor: act.user.username,
    meaning,
    entityType: "product",
    entityId: product?.id ?? ref.din,
    at: act.at,
  };
}
