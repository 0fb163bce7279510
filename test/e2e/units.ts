/**
 * A cord unit the lab has registered, processed and tested over the API: in quarantine and meeting every
 * release criterion (the setup a journey starts from when its subject is what happens next).
 */
import type { apiAs } from "./server.js";

type As = Awaited<ReturnType<typeof apiAs>>;

/** Registers, volume-reduces and tests a cord unit; answers its DIN (the unit is then in quarantine). */
export async function unitReadyForRelease(lab: As, donor: string): Promise<string> {
  const now = () => new Date().toISOString();
  const product = await lab("POST", "/api/products", {
    fin: "W9999",
    source: "cord-blood",
    donorId: `${donor}-DONOR`,
    motherId: `${donor}-MOTHER`,
    consentRef: "CB-CONSENT v3",
    collectedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
    site: "Cradle NICU",
    volumeMl: 80,
    productCode: "S9002100",
    aboRhD: "O+",
    expiresAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    storageTemperature: "refrigerated",
  });
  const din = product.din as string;
  await lab("POST", `/api/products/${din}/processing`, {
    step: "volume-reduction",
    performedAt: now(),
    volumeBeforeMl: 80,
    volumeAfterMl: 20,
    complete: true,
  });
  const results: [string, string, number | string][] = [
    ["tnc", "post-processing", 1.4e9],
    ["cd34", "post-processing", 4e6],
    ["viability", "post-processing", 94],
    ["sterility", "post-processing", "negative"],
    ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((m): [string, string, string] => [
      m,
      "maternal",
      "negative",
    ]),
  ];
  for (const [test, stage, v] of results) {
    const value = typeof v === "number" ? { value: v } : { result: v };
    await lab("POST", `/api/products/${din}/qc`, { test, stage, testedAt: now(), ...value });
  }
  return din;
}
