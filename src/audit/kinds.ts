/**
 * Every kind of event the trail holds (its `action`), so a filter on a kind that does not exist is refused
 * by name rather than answering "no events". Audit sits below the services that write these, so the lists
 * are written here; `test/audit-kinds.test.ts` holds them to every action written under src/ and to the
 * services' own lists of statuses, steps, tests, forms and meanings.
 */

/** The suffixes of the families written from a service's list (`product.status.${to}`, …). */
export const KIND_FAMILIES = {
  "product.status": [
    "in_processing",
    "quarantine",
    "available",
    "reserved",
    "shipped",
    "received",
    "infused",
    "discarded",
    "divided",
  ],
  "product.process": [
    "volume-reduction",
    "red-cell-depletion",
    "plasma-depletion",
    "cryopreservation",
    "thaw",
    "wash",
    "other",
  ],
  "product.qc": [
    "tnc",
    "cd34",
    "viability",
    "cd34-viability",
    "cd45-viability",
    "cfu",
    "sterility",
    "hiv",
    "hbv",
    "hcv",
    "syphilis",
    "htlv",
    "cmv",
    "abo",
    "hla",
  ],
  "follow-up": [
    "blood-counts",
    "chimerism",
    "acute-gvhd",
    "chronic-gvhd",
    "bpd",
    "infection",
    "neurodevelopment",
    "vital-status",
  ],
  signature: [
    "released",
    "verified",
    "administered",
    "reviewed",
    "approved",
    "authored",
    "witnessed",
    "disposition",
  ],
} as const;

/** The attempts whose refusal on a held product (or a failed release) is its own `<attempt>.refused`. */
export const REFUSED_ATTEMPTS = [
  "product.release",
  "product.process",
  "shipment.ship",
  "shipment.receive",
  "reservation.create",
  "dose.order",
] as const;

/** The kinds written as one literal name. */
export const LITERAL_KINDS = [
  "adverse-event.record",
  "adverse-event.record-expedited",
  "adverse-event.reported",
  "auth.failure",
  "auth.lockout",
  "auth.rate-limited",
  "bedside.blocked",
  "bedside.verified",
  "collection.register",
  "consent.record",
  "consent.withdraw",
  "death.correct",
  "death.record",
  "din.allocate",
  "dose.order",
  "dose.refused",
  "dose.replaced",
  "equipment.calibration",
  "equipment.create",
  "equipment.maintenance",
  "infusion.override",
  "infusion.record",
  "infusion.refused",
  "label.print",
  "label.reprint",
  "material.lot.accept",
  "material.lot.receive",
  "material.lot.reject",
  "patient.register",
  "patient.weight",
  "plan.complete",
  "plan.dose-missed",
  "plan.enrol",
  "plan.withdraw",
  "product-descriptions.import",
  "product.divide",
  "product.hold",
  "product.hold.disposition",
  "product.qc.implausible-confirmed",
  "product.register",
  "qc.plausible-range.set",
  "recall.action.close",
  "recall.close",
  "recall.close.refused",
  "recall.open",
  "research.analysis-dataset",
  "research.export",
  "reservation.cancel",
  "reservation.create",
  "reservation.fulfil",
  "search.report",
  "shipment.receive",
  "shipment.ship",
  "shipment.temperature-log",
  "signature.refused",
  "storage.box.create",
  "storage.device.create",
  "storage.move",
  "storage.rack.create",
  "storage.remove",
  "storage.store",
  "user.change-password",
  "user.create",
  "user.disable",
  "user.enable",
  "user.end-sessions",
  "user.recovery-code-used",
  "user.refused",
  "user.reset-password",
  "user.roles",
  "user.totp-activate",
  "user.totp-begin",
  "user.totp-confirm-refused",
  "user.totp-remove",
  "user.unlock",
] as const;

/** Every kind, sorted: what the audit page offers and what a filter may name. */
export const AUDIT_KINDS: readonly string[] = [
  ...new Set([
    ...LITERAL_KINDS,
    ...REFUSED_ATTEMPTS.map((a) => `${a}.refused`),
    ...Object.entries(KIND_FAMILIES).flatMap(([f, xs]) => xs.map((x) => `${f}.${x}`)),
  ]),
].sort();

const KNOWN = new Set(AUDIT_KINDS);

/** The first kind of a list that the trail never holds, if any. */
export function unknownKind(kinds: readonly string[]): string | undefined {
  return kinds.find((k) => !KNOWN.has(k));
}
