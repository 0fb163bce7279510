/** The contract of registry files: drawing a synthetic registry and importing listings (CLI options). */
import { Type } from "typebox";
import { CalendarDate, Enum, Int, Obj, type Static } from "../contract/schema.js";
import { LISTING_KINDS } from "./constants.js";

export const SOURCE_FORMATS = ["csv", "ndjson"] as const;

export const RegistryGenerateSchema = Obj({
  adults: Int(0, 100_000_000, { description: "adult donors" }),
  cords: Int(0, 10_000_000, { description: "cord blood units" }),
  seed: Int(0, 2 ** 32 - 1, { description: "the same seed gives the same registry" }),
  asOf: CalendarDate({ description: "dates are drawn before this day, YYYY-MM-DD" }),
});
export type RegistryGenerate = Static<typeof RegistryGenerateSchema>;

export const RegistryImportSchema = Obj({
  kind: Type.Optional(Enum(LISTING_KINDS, { description: "for rows that do not say their kind" })),
  format: Type.Optional(Enum(SOURCE_FORMATS)),
});
export type RegistryImport = Static<typeof RegistryImportSchema>;
