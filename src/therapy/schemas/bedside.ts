/** The bedside check: what is scanned and who signs, and the recorded check with every rule's result. */
import { type Static, Type } from "typebox";
import { SignatureSchema } from "../../audit/schemas.js";
import { RuleResultSchema } from "../../contract/rules.js";
import { Enum, Id, Instant, Obj, Secret } from "../../contract/schema.js";
import { CHECK_OUTCOMES } from "../vocabulary.js";
import { PasswordSchema, UuidSchema } from "./common.js";

export const CredentialsSchema = Obj({
  username: Id(),
  password: PasswordSchema,
  /** The person's second-factor code, when that account has TOTP (both factors re-authenticate). */
  code: Type.Optional(
    Secret(24, { description: "the 6-digit code of the authenticator app, or a recovery code" }),
  ),
});
export type Credentials = Static<typeof CredentialsSchema>;

/**
 * What is scanned is text as the reader gives it: a wrong or garbled scan is not refused here but fails
 * the check's rules, so the blocked check is recorded (a near miss is never hidden).
 */
export const BedsideScanSchema = Obj({
  orderId: UuidSchema,
  /** As scanned from the wristband: the patient's MRN. */
  wristband: Id(),
  /** As scanned from the bag: the DIN (=G1234…) and the product code (=<S1234V00 or keyed). */
  din: Id(),
  productCode: Id(),
  administeredBy: CredentialsSchema,
  verifiedBy: CredentialsSchema,
});
export type BedsideScan = Static<typeof BedsideScanSchema>;

export const BedsideCheckSchema = Obj({
  id: Id(),
  orderId: Id(),
  outcome: Enum(CHECK_OUTCOMES),
  scannedWristband: Id(),
  scannedDin: Id(),
  scannedProductCode: Id(),
  results: Type.Array(RuleResultSchema),
  administeredBy: Id(),
  verifiedBy: Id(),
  checkedAt: Instant(),
});
export type BedsideCheck = Static<typeof BedsideCheckSchema>;

export const BedsideOutcomeSchema = Obj({
  check: BedsideCheckSchema,
  signatures: Type.Array(SignatureSchema),
});
export type BedsideOutcome = Static<typeof BedsideOutcomeSchema>;

export { SignatureSchema };
