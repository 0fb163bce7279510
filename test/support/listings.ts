/** Listing records as an import reads them (one NDJSON row each): an adult donor and a cord unit. */

/** A two-field typing with one MAC, the listing fixtures' default. */
export const LISTING_TYPING = "A*01:01+A*02:AB^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";

export function adultRecord(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "adult",
    id,
    registry: "DE-ZKRD",
    sex: "F",
    birthDate: "1990-05-01",
    cmv: "negative",
    abo: "O+",
    typing: LISTING_TYPING,
    ...extra,
  };
}

export function cordRecord(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "cord",
    id,
    bank: "NYBC",
    accredited: true,
    collectedAt: "2019-02-03",
    volumeMl: 90,
    tnc: 1.4e9,
    cd34: 4.2e6,
    viabilityPercent: 93,
    abo: "A+",
    rbcDepleted: true,
    attachedSegments: 2,
    typing: LISTING_TYPING,
    ...extra,
  };
}
