/**
 * The CTCAE term picker's contract: a search by text within a system organ class, answered with each
 * term's MedDRA code, SOC and allowed grades with their definitions. Typebox and the contract only.
 */
import { type Static, Type } from "typebox";
import { Int, Line, List, MAX, Obj, Text } from "../contract/schema.js";

export const CtcaeQuerySchema = Obj({
  q: Type.Optional(Line(100, { description: "words of the term, any case (Febrile neu)" })),
  soc: Type.Optional(Line(200, { description: "only terms of this MedDRA system organ class" })),
  limit: Type.Optional(Int(1, 100, { default: 20, description: "at most 100" })),
});
export type CtcaeQuery = Static<typeof CtcaeQuerySchema>;

export const CtcaeTermSchema = Obj({
  term: Line(200),
  meddraCode: Int(10_000_000, 99_999_999),
  soc: Line(200),
  definition: Type.Union([Text(MAX.text), Type.Null()]),
  /** "<SOC> - Other, specify": entered with the text of what happened. */
  otherSpecify: Type.Boolean(),
  /** Only the grades CTCAE allows for the term (a '-' in the spreadsheet is left out). */
  grades: List(Obj({ grade: Int(1, 5), definition: Text(MAX.text) }), 5),
});
export type CtcaeTermAnswer = Static<typeof CtcaeTermSchema>;

export const CtcaeTermsSchema = Obj({
  version: Line(10),
  items: List(CtcaeTermSchema, 100),
  socs: List(Line(200), 100),
});
export type CtcaeTerms = Static<typeof CtcaeTermsSchema>;
