/**
 * The one error type of Cradle. Every failure a user can cause carries a stable `code` (what tools and the
 * HTTP layer switch on), a message that names the field, the offending value and, inside a GL string, the
 * character position, and structured details.
 *
 * This file is imported by every layer, pure cores included, so it imports nothing.
 */

/** Stable error codes, grouped by area. Never rename one: tools outside Cradle depend on them. */
export const ERROR_CODES = {
  // HLA nomenclature
  HLA_GL_SYNTAX: "a GL string is not well formed (empty part, stray operator)",
  HLA_BAD_NAME: "a token is not an HLA name of any known form",
  HLA_UNKNOWN_LOCUS: "the locus is not in the IMGT/HLA release",
  HLA_UNKNOWN_ALLELE: "the allele is not in the IMGT/HLA release",
  HLA_DELETED_ALLELE: "the allele name was deleted from the nomenclature",
  HLA_UNKNOWN_GROUP: "the G or P group is not in the IMGT/HLA release",
  HLA_UNKNOWN_XX: "the XX code names an allele family with no alleles",
  HLA_UNKNOWN_MAC: "the multiple allele code is not in the MAC dictionary",
  HLA_MAC_UNAVAILABLE: "a MAC typing was given but no MAC dictionary is loaded",
  HLA_UNKNOWN_SEROLOGY: "the serological antigen is not a WHO-recognised antigen",
  HLA_BAD_LEVEL: "the reduction level is not one Cradle knows",
  // ISBT 128
  DIN_BAD_FORMAT: "a Donation Identification Number is not 13 characters of the ISBT 128 form",
  DIN_BAD_CHECK_CHARACTER: "a DIN's check character or Type 3 flags do not match its characters",
  ISBT_BAD_DATA_STRUCTURE: "an ISBT 128 data structure is malformed",
  DIN_SEQUENCE_EXHAUSTED: "a facility has issued every DIN sequence number of the year",
  // Accounts, audit and signatures
  AUTH_FAILED: "the user name or password is wrong, or the account is disabled",
  USER_EXISTS: "a user with this name already exists",
  FORBIDDEN: "the user's roles do not allow this action",
  SIGNATURE_INVALID: "a signature does not match the record it is bound to",
  // The bank
  DIN_IN_USE: "the DIN already identifies a collection; a DIN is never reused",
  PRODUCT_NOT_FOUND: "no product with this DIN (and product code) exists",
  PRODUCT_AMBIGUOUS: "the DIN has several products: name the product code",
  PRODUCT_CODE_UNKNOWN: "the product code is not in the imported product description table",
  STATUS_TRANSITION_ILLEGAL: "the product's status does not allow this step",
  RELEASE_CRITERIA_FAILED: "release refused: one or more release criteria fail",
  STORAGE_POSITION_OCCUPIED: "another product already occupies the storage position",
  TEMPERATURE_EXCURSION:
    "the shipment's temperature log has an excursion that was not accepted with a reason",
  // Therapy
  PATIENT_NOT_FOUND: "no patient has this medical record number",
  PATIENT_EXISTS: "a patient with this medical record number already exists",
  PLAN_NOT_FOUND: "no treatment plan or dose order with this identifier exists",
  PROTOCOL_NOT_ACTIVE: "the protocol has no version activated by a signature",
  NOT_ELIGIBLE: "the patient fails one or more of the protocol's eligibility rules",
  DOSE_OUTSIDE_PROTOCOL: "the dose is outside the protocol: a physician must sign an exception with a reason",
  BEDSIDE_BLOCKED: "the bedside check found a mismatch: the product must not be given",
  // Outcomes
  CONSENT_REQUIRED: "the use needs a consent of this scope that is signed and not withdrawn",
  // Reference data
  REFERENCE_NOT_FOUND: "the IMGT/HLA release or MAC file could not be found or downloaded",
  REFERENCE_CORRUPT: "a reference file failed its checksum or could not be parsed",
  // Generic
  INVALID_INPUT: "an input value is malformed",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CradleError extends Error {
  override readonly name = "CradleError";
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** `HLA_UNKNOWN_ALLELE: A*99:99 at position 1 is not …` — the form the CLI prints. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isCradleError(e: unknown): e is CradleError {
  return e instanceof CradleError;
}
