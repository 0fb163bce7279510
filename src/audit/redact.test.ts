import { describe, expect, it } from "vitest";
import { REDACTED, redactEvent } from "./redact.js";
import type { AuditEvent } from "./schemas.js";

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  at: "2026-04-02T01:17:00.000Z",
  actor: "cora",
  action: "x",
  entityType: "product",
  entityId: "G123426000001",
  before: null,
  after: null,
  reason: null,
  hash: "0".repeat(64),
  ...over,
});
const none = { patients: false, donors: false };

describe("audit redaction", () => {
  it("hides every value of a patient's event but states and counts, the MRN and the reason", () => {
    const e = redactEvent(
      event({
        entityType: "patient",
        entityId: "MRN-1",
        after: {
          givenName: "Zoe",
          birthAt: "2026-04-02T01:17:00Z",
          status: "registered",
          weights: [{ grams: 3200 }],
        },
        reason: "Zoe's mother asked",
      }),
      none,
    );
    expect(e).toMatchObject({
      entityId: REDACTED,
      after: { givenName: REDACTED, birthAt: REDACTED, status: "registered", weights: [{ grams: REDACTED }] },
      reason: REDACTED,
    });
    expect(
      redactEvent(event({ entityType: "patient", entityId: "MRN-1" }), { patients: true, donors: false })
        .entityId,
    ).toBe("MRN-1");
  });

  it("hides donor ids and HLA typings elsewhere, keeping the rest", () => {
    const e = redactEvent(
      event({
        after: {
          donorId: "D-1",
          motherId: "M-1",
          volumeMl: 82,
          qc: { test: "hla", result: "A*01:01+A*02:01" },
        },
      }),
      none,
    );
    expect(e.after).toEqual({
      donorId: REDACTED,
      motherId: REDACTED,
      volumeMl: 82,
      qc: { test: "hla", result: REDACTED },
    });
    expect(redactEvent(event({ after: { donorId: "D-1" } }), { patients: true, donors: true }).after).toEqual(
      { donorId: "D-1" },
    );
  });
});
