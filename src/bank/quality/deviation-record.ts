/** A deviation's printable record: the deviation, its closing signature and the CAPAs opened from it. */
import { signatureById } from "../../audit/signatures.js";
import type { Store } from "../../store/connect.js";
import { listCapas } from "./capa.js";
import type { DeviationRecord } from "./deviation-schemas.js";
import { getDeviation } from "./deviations.js";

export async function deviationRecord(db: Store["db"], id: string, now: Date): Promise<DeviationRecord> {
  const deviation = await getDeviation(db, id, now);
  const [signature, capas] = await Promise.all([
    deviation.closureSignatureId === null ? undefined : signatureById(db, deviation.closureSignatureId),
    listCapas(db, now, { deviationId: id }),
  ]);
  return { deviation, signature: signature ?? null, capas };
}
