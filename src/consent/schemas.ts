/**
 * The consent contract: every input and output of the consent service as a TypeBox schema, built from its
 * constants. Imports only typebox, the contract's blocks and pure constants: the web app imports the
 * types from here.
 */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Line, MAX, Name, Obj } from "../contract/schema.js";
import { BANKING_CONSENT_STATES, CONSENT_SCOPES, RELATIONSHIPS } from "./scopes.js";

/** Text a person wrote or signed: at least one visible character, no control characters. */
export function Visible(max: number, description: string) {
  return Type.String({
    minLength: 1,
    maxLength: max,
    pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$",
    description,
  });
}

export const UuidSchema = Type.String({ format: "uuid", maxLength: 36, description: "a UUID" });

/** The person a consent is about: a patient's MRN (a cord blood donor is the baby), as therapy reads it. */
export const SubjectIdSchema = Id({
  pattern: "^[A-Za-z0-9][A-Za-z0-9-]{2,29}$",
  description: "a medical record number (3 to 30 letters, digits or hyphens)",
});

export const NewConsentSchema = Obj({
  mrn: SubjectIdSchema,
  scope: Enum(CONSENT_SCOPES),
  document: Visible(MAX.name, "the consent document's title, as text"),
  documentVersion: Visible(40, "the document's version, as text"),
  /** The parent's or guardian's name as signed on the form. */
  signedBy: Visible(MAX.name, "the name as signed, as text"),
  relationship: Enum(RELATIONSHIPS),
  signedAt: Instant(),
});
export type NewConsent = Static<typeof NewConsentSchema>;

/** A witness signs with their password again (21 CFR 11.200). */
export const WitnessPasswordSchema = Line(1024, { description: "the witness's password" });

/** The HTTP body of a consent: the consent and the witness's password. */
export const ConsentBodySchema = Obj({ ...NewConsentSchema.properties, password: WitnessPasswordSchema });

export const WithdrawalSchema = Obj({ reason: Visible(MAX.line, "why, as text") });
export type Withdrawal = Static<typeof WithdrawalSchema>;

export const ConsentIdSchema = Obj({ id: UuidSchema });

export const ConsentSchema = Obj({
  id: UuidSchema,
  mrn: Id(),
  scope: Enum(CONSENT_SCOPES),
  document: Name(),
  documentVersion: Line(40),
  signedBy: Name(),
  relationship: Enum(RELATIONSHIPS),
  signedAt: Instant(),
  witness: Id(),
  witnessSignatureId: Id({ minLength: 0 }),
  recordedAt: Instant(),
  withdrawnAt: Type.Union([Instant(), Type.Null()]),
  withdrawnBy: Type.Union([Id(), Type.Null()]),
  withdrawalReason: Type.Union([Line(MAX.line), Type.Null()]),
});
export type Consent = Static<typeof ConsentSchema>;

export const BankingConsentSchema = Obj({
  state: Enum(BANKING_CONSENT_STATES),
  consent: Type.Optional(ConsentSchema),
});
export type BankingConsent = Static<typeof BankingConsentSchema>;
