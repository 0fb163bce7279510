/**
 * The products reserved for one patient now (active reservations), with what a physician checks before
 * ordering one: its description, volume, expiry and whether it is on hold. The order itself is refused by
 * therapy unless the product is reserved for that baby; this list is what the order form offers.
 */
import type { Store } from "../store/connect.js";
import { openHoldsOf } from "./hold-checks.js";
import { describeProductCode } from "./product-descriptions.js";
import { getProductById } from "./products.js";
import type { ReservedProduct } from "./reserved-schemas.js";

export type { ReservedProduct } from "./reserved-schemas.js";

export async function productsReservedFor(db: Store["db"], patientId: string): Promise<ReservedProduct[]> {
  const rows = await db
    .selectFrom("reservation")
    .select(["productId", "reservedAt", "reservedBy"])
    .where("patientId", "=", patientId)
    .where("state", "=", "active")
    .orderBy("reservedAt")
    .orderBy("productId")
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      const p = await getProductById({ db }, r.productId);
      const [description, holds] = await Promise.all([
        describeProductCode(db, p.productCode),
        openHoldsOf(db, p.id),
      ]);
      return {
        productId: p.id,
        din: p.din,
        dinWithCheck: p.dinWithCheck,
        code: p.code,
        description: description?.description ?? null,
        volumeMl: p.volumeMl,
        status: p.status,
        expiresAt: p.expiresAt,
        reservedAt: r.reservedAt,
        reservedBy: r.reservedBy,
        onHold: holds.length > 0,
      };
    }),
  );
}
