/**
 * Adverse reactions and product complaints (vigilance): inputs and answers. Imports only typebox, the
 * contract's blocks and pure constants (the web app compiles it).
 */
import { Type } from "typebox";
import { Enum, Id, Instant, Line, MAX, Name, Obj, type Static, Text, Uuid } from "../../contract/schema.js";
import { DinText, ProductCodeText } from "../schemas.js";
import { AUTHORITIES, QUALITY_TEXT_MIN, VIGILANCE_KINDS, VIGILANCE_STATES } from "./constants.js";
import { ReportClockSchema } from "./deviation-schemas.js";

export const NewVigilanceSchema = Obj({
  kind: Enum(VIGILANCE_KINDS),
  din: DinText,
  product: Type.Optional(ProductCodeText),
  centre: Name({ description: "the treating centre that reported it" }),
  shippedAs: Type.Optional(
    Name({ description: "the name the shipment gave this centre, when the centre has been renamed since" }),
  ),
  learnedAt: Instant({ description: "when the bank learned of it (the clocks start here)" }),
  description: Text(MAX.text, { minLength: QUALITY_TEXT_MIN }),
  serious: Type.Boolean({
    description: "fatal, life-threatening, permanent impairment or needing intervention",
  }),
  communicableDisease: Type.Boolean({ description: "involves a communicable disease" }),
});
export type NewVigilance = Static<typeof NewVigilanceSchema>;

export const VigilanceParamsSchema = Obj({ id: Uuid() });
export const InvestigationSchema = Obj({ findings: Text(MAX.text, { minLength: QUALITY_TEXT_MIN }) });
export const VigilanceReportSchema = Obj({
  authority: Enum(AUTHORITIES),
  reference: Id(),
  submittedAt: Instant(),
});
export type VigilanceReportInput = Static<typeof VigilanceReportSchema>;
export const CloseVigilanceBodySchema = Obj({
  reason: Text(MAX.text, { minLength: QUALITY_TEXT_MIN }),
  password: Line(1000),
});

// ——— Answers ———

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);

export const RelatedProductSchema = Type.Object({
  productId: S,
  din: S,
  status: S,
  relation: Enum(["same-din", "same-donor"] as const),
});

export const VigilanceCaseSchema = Type.Object({
  id: S,
  kind: Enum(VIGILANCE_KINDS),
  productId: S,
  din: S,
  donorId: S,
  centre: S,
  /** The name the product was shipped to, when the centre has been renamed since; else null. */
  shippedAs: NS,
  learnedAt: S,
  description: S,
  serious: Type.Boolean(),
  communicableDisease: Type.Boolean(),
  state: Enum(VIGILANCE_STATES),
  recordedAt: S,
  recordedBy: S,
  investigation: NS,
  investigatedAt: NS,
  investigatedBy: NS,
  /** 21 CFR 1271.350(a): 15 calendar days, a serious reaction involving a communicable disease. */
  fda: Type.Union([ReportClockSchema, Type.Null()]),
  /** EU SoHO "without undue delay": the bank's configured number of days, a serious reaction. */
  eu: Type.Union([ReportClockSchema, Type.Null()]),
  closedAt: NS,
  closedBy: NS,
  closeSignatureId: NS,
  related: Type.Array(RelatedProductSchema),
});
export type VigilanceCase = Static<typeof VigilanceCaseSchema>;
