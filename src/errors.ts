/**
 * The one error type of Cradle. Every failure a user can cause carries a stable `code` (what tools and the
 * HTTP layer switch on), a message that names the field, the offending value and, inside a GL string, the
 * character position, and structured details.
 *
 * This file is imported by every layer, pure cores included, so it imports nothing.
 */

/**
 * Stable error codes, grouped by area, each with its HTTP status and meaning. Never rename one: tools outside
 * Cradle depend on them. Every code the server can send is here, and the web client's error type is this union.
 */
export const ERROR_CODES = {
  // HLA nomenclature
  HLA_GL_SYNTAX: [422, "a GL string is not well formed (empty part, stray operator)"],
  HLA_BAD_NAME: [422, "a token is not an HLA name of any known form"],
  HLA_UNKNOWN_LOCUS: [422, "the locus is not in the IMGT/HLA release"],
  HLA_UNKNOWN_ALLELE: [422, "the allele is not in the IMGT/HLA release"],
  HLA_DELETED_ALLELE: [422, "the allele name was deleted from the nomenclature"],
  HLA_UNKNOWN_GROUP: [422, "the G or P group is not in the IMGT/HLA release"],
  HLA_UNKNOWN_XX: [422, "the XX code names an allele family with no alleles"],
  HLA_UNKNOWN_MAC: [422, "the multiple allele code is not in the MAC dictionary"],
  HLA_MAC_UNAVAILABLE: [422, "a MAC typing was given but no MAC dictionary is loaded"],
  HLA_UNKNOWN_SEROLOGY: [422, "the serological antigen is not a WHO-recognised antigen"],
  HLA_BAD_LEVEL: [422, "the reduction level is not one Cradle knows"],
  // ISBT 128
  DIN_BAD_FORMAT: [422, "a Donation Identification Number is not 13 characters of the ISBT 128 form"],
  DIN_BAD_CHECK_CHARACTER: [422, "a DIN's check character or Type 3 flags do not match its characters"],
  ISBT_BAD_DATA_STRUCTURE: [422, "an ISBT 128 data structure is malformed"],
  DIN_SEQUENCE_EXHAUSTED: [409, "a facility has issued every DIN sequence number of the year"],
  // Accounts, audit and signatures
  AUTH_FAILED: [401, "the user name or password is wrong, or the account is disabled or locked for now"],
  USER_EXISTS: [409, "a user with this name already exists"],
  USER_NOT_FOUND: [404, "no user has this name"],
  FORBIDDEN: [403, "the user's roles do not allow this action"],
  PASSWORD_CHANGE_REQUIRED: [403, "the account signed in with a one-time password: it must change it first"],
  OWN_ACCOUNT: [409, "an admin may not disable their own account"],
  LAST_ADMIN: [409, "the change would leave no active admin"],
  ACCOUNT_CHANGED: [409, "the account changed while this change was made: look again and retry"],
  TOTP_ENROLMENT_REQUIRED: [
    403,
    "the account's role requires a second factor: it must enrol an authenticator app (TOTP) first",
  ],
  TOTP_STATE: [
    409,
    "the account's second factor is not in the state this step needs (none, pending or active)",
  ],
  SIGNATURE_INVALID: [422, "a signature does not match the record it is bound to"],
  // The bank
  DIN_IN_USE: [409, "the DIN already identifies a collection; a DIN is never reused"],
  PRODUCT_NOT_FOUND: [404, "no product with this DIN (and product code) exists"],
  PRODUCT_AMBIGUOUS: [409, "the DIN has several products: name the product code"],
  PRODUCT_CODE_UNKNOWN: [422, "the product code is not in the imported product description table"],
  STATUS_TRANSITION_ILLEGAL: [409, "the product's status does not allow this step"],
  RELEASE_CRITERIA_FAILED: [422, "release refused: one or more release criteria fail"],
  PRODUCT_ON_HOLD: [
    409,
    "the product is on hold after a failed or reactive result: only a quality manager's signed disposition lifts it",
  ],
  RESULT_CONTRADICTS: [
    422,
    "the result contradicts an earlier one of the same test and stage: mark it repeat or confirmatory with a reason",
  ],
  STORAGE_POSITION_OCCUPIED: [409, "another product already occupies the storage position"],
  STORAGE_NOT_DEFINED: [
    422,
    "the storage device, rack or box is not defined, or the position is outside the box's grid",
  ],
  STORAGE_EXISTS: [409, "a storage device, rack or box of this name is already defined there"],
  QC_VALUE_IMPLAUSIBLE: [
    422,
    "the QC value is outside the plausible range for the product's source: confirm it with a reason",
  ],
  TEMPERATURE_EXCURSION: [
    409,
    "the shipment's temperature log has an excursion that was not accepted with a reason",
  ],
  // The bank's quality system
  DEVIATION_OPEN: [
    409,
    "the product is under a deviation not closed (or closed rejecting it): release is refused",
  ],
  QUALITY_RECORD_NOT_FOUND: [404, "no deviation, CAPA, alarm or vigilance case has this identifier"],
  QUALITY_STATE: [409, "the quality record's state does not allow this step"],
  RANKING_WEIGHTS_CHANGED: [
    409,
    "the ranking weights changed after the view this change was made from: read them again and redo it",
  ],
  PRODUCT_NOT_AT_CENTRE: [
    409,
    "the product was shipped to another centre than the one reporting: the wrong product or the wrong centre",
  ],
  PRODUCT_NOT_DISTRIBUTED: [
    409,
    "the product was never shipped nor infused: no treating centre can report a reaction or complaint about it",
  ],
  MONITORING_NOT_SET: [
    409,
    "the storage device is not monitored: a quality manager sets its thresholds first",
  ],
  DEVICE_TOKEN_INVALID: [401, "the monitoring system's token for this device is missing or wrong"],
  READING_CONFLICT: [409, "a reading at this device and time exists with a different value"],
  LOT_EXPIRED: [422, "a reagent or supply lot used by the step was past its expiry date at the step's time"],
  LOT_NOT_ACCEPTED: [422, "a reagent or supply lot used by the step is not accepted (pending or rejected)"],
  EQUIPMENT_OUT_OF_SERVICE: [
    422,
    "a piece of equipment used by the step was past its calibration or maintenance due date at the step's time",
  ],
  MATERIAL_NOT_FOUND: [404, "no reagent lot or piece of equipment has this identifier"],
  MATERIAL_EXISTS: [
    409,
    "a lot with this supplier, material and lot number, or equipment with this asset id, exists",
  ],
  RECALL_NOT_FOUND: [404, "no recall or recall action has this identifier"],
  RECALL_ACTIONS_OPEN: [409, "the recall has actions still open: each is closed before the recall closes"],
  RECALL_CLOSED: [409, "the recall or the action is already closed"],
  NOTHING_AFFECTED: [422, "the look-back found no product: there is nothing to recall"],
  // Therapy
  PATIENT_NOT_FOUND: [404, "no patient has this medical record number"],
  PATIENT_EXISTS: [409, "a patient with this medical record number already exists"],
  PLAN_NOT_FOUND: [404, "no treatment plan or dose order with this identifier exists"],
  PROTOCOL_NOT_ACTIVE: [409, "the protocol has no version activated by a signature"],
  NOT_ELIGIBLE: [422, "the patient fails one or more of the protocol's eligibility rules"],
  DOSE_OUTSIDE_PROTOCOL: [
    422,
    "the dose is outside the protocol: a physician must sign an exception with a reason",
  ],
  BEDSIDE_BLOCKED: [409, "the bedside check found a mismatch: the product must not be given"],
  INFUSION_ABOVE_ORDER: [
    409,
    "the volume given is above the ordered volume beyond the tolerance: a physician must sign an override with a reason",
  ],
  DOSE_ALREADY_ORDERED: [
    409,
    "the dose has an open order: a new one must name the order it replaces (replaces) and say why",
  ],
  ALLOCATION_INVALID: [
    422,
    "the randomised arm is missing, not one of the protocol's arms, or its allocation cannot be recorded",
  ],
  ARM_RECEIVES_NO_CELLS: [
    409,
    "the plan's randomised arm receives no cells: no dose may be ordered or given",
  ],
  // Outcomes
  CONSENT_REQUIRED: [409, "the use needs a consent of this scope that is signed and not withdrawn"],
  DEATH_ALREADY_RECORDED: [
    409,
    "the patient's death is already recorded with another date: correct that record, with a reason, instead",
  ],
  // Search
  SEARCH_REPORT_NOT_FOUND: [404, "no search report has this identifier"],
  FREQUENCY_SET_NOT_FOUND: [404, "no haplotype frequency set of this population or identifier is imported"],
  FREQUENCY_SET_EXISTS: [409, "this population's frequency set version is already imported"],
  // Reference data
  REFERENCE_NOT_FOUND: [
    503,
    "the IMGT/HLA release, MAC file or CTCAE spreadsheet could not be found or downloaded",
  ],
  TOTP_KEY_MISMATCH: [
    503,
    "an authenticator secret is sealed, and the server lacks the key it was sealed with (CRADLE_TOTP_KEY_FILE)",
  ],
  REFERENCE_CORRUPT: [503, "a reference file failed its checksum or could not be parsed"],
  // Generic, and what the HTTP layer itself answers
  INVALID_INPUT: [422, "an input value is malformed, out of range or not a known field"],
  AUTH_REQUIRED: [401, "the request needs a signed-in session"],
  CSRF: [403, "a change was sent without the session's x-csrf-token header, or with a wrong one"],
  RATE_LIMITED: [429, "too many attempts: wait and try again"],
  NOT_FOUND: [404, "no such route or page"],
  STARTING: [503, "the server is preparing its data (first start): try again after Retry-After seconds"],
  PAYLOAD_TOO_LARGE: [413, "the request body is larger than the server accepts"],
  UNSUPPORTED_MEDIA_TYPE: [415, "the request body is not JSON (or the form the route takes)"],
  INTERNAL: [500, "an unexpected error: the answer carries a request id, the server's log the details"],
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The HTTP status a code answers with. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code][0];
}

/** The body of every error answer, HTTP and CLI --json alike. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  /** For INTERNAL: the id to find the request in the server's log. */
  requestId?: string;
}

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
