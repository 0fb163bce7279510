/** The products held for one patient, as the patient's record offers them to a dose order. */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Line, Name, Num, Obj } from "../contract/schema.js";
import { PRODUCT_STATUSES } from "./constants.js";

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const ReservedProductSchema = Obj({
  productId: Id(),
  din: Id(),
  dinWithCheck: Id(),
  /** The 8 characters a product code scan carries: product code, collection type, division. */
  code: Id(),
  /** ICCBBA's description of the product code, when the table is imported. */
  description: nullable(Line()),
  volumeMl: Num(0, 100_000),
  status: Enum(PRODUCT_STATUSES),
  expiresAt: nullable(Instant()),
  reservedAt: Instant(),
  reservedBy: Name(),
  /** On an open hold: it cannot be ordered until a quality manager's disposition. */
  onHold: Type.Boolean(),
});
export type ReservedProduct = Static<typeof ReservedProductSchema>;
