/** Blocks therapy's schemas share: identifiers, MRNs, non-blank text, nullable values. */
import { type TSchema, Type } from "typebox";
import { Line, MAX, Uuid } from "../../contract/schema.js";
import { MRN_PATTERN } from "../vocabulary.js";

/** A medical record number, as keyed or scanned. */
export const MrnSchema = Line(30, {
  pattern: MRN_PATTERN,
  description: "a medical record number (3 to 30 letters, digits or hyphens)",
});

/** A record's identifier as Cradle makes them (plans, orders, checks, infusions). */
export const UuidSchema = Uuid();

/** Text a person writes, with at least one character that is not a space, on one line. */
export function Filled(max: number = MAX.line) {
  return Line(max, {
    pattern: "^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$",
    description: "text with something other than spaces, on one line",
  });
}

/** A password re-given to sign: any text, bounded. */
export const PasswordSchema = Line(256);

export function Nullable<T extends TSchema>(s: T) {
  return Type.Union([s, Type.Null()]);
}
