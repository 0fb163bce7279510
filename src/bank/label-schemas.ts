/**
 * The contract of label prints: what a print asks (the format, and for a reprint its reason), and the
 * record each print leaves. The web app imports the types only.
 */
import { Type } from "typebox";
import { Enum, Id, Instant, Int, Line, MAX, Obj, type Static } from "../contract/schema.js";

export const LABEL_KINDS = ["final", "quarantine"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
export const LABEL_FORMATS = ["pdf", "svg"] as const;

/** POST /api/products/:din/label-prints and `cradle product label`. */
export const LabelPrintInputSchema = Obj({
  format: Type.Optional(Enum(LABEL_FORMATS, { description: "pdf (default) or svg" })),
  /** Required for a reprint: any print after the product's first final label. */
  reason: Type.Optional(Line(MAX.line, { minLength: 1 })),
});
export type LabelPrintInput = Static<typeof LabelPrintInputSchema>;

export const LabelPrintSchema = Obj({
  id: Id(),
  productId: Line(MAX.id),
  kind: Enum(LABEL_KINDS),
  copy: Int(1, Number.MAX_SAFE_INTEGER),
  format: Enum(LABEL_FORMATS),
  printedAt: Instant(),
  printedBy: Id(),
  reason: Type.Union([Line(MAX.line), Type.Null()]),
});
export type LabelPrint = Static<typeof LabelPrintSchema>;
export const LabelPrintListSchema = Type.Array(LabelPrintSchema);
