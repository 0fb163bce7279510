/** Every pair of statuses: the lifecycle's arrows are allowed, every other move is refused by name. */
import { describe, expect, it } from "vitest";
import { CradleError } from "../errors.js";
import { PRODUCT_STATUSES, TRANSITIONS, checkTransition } from "./status.js";

// The lifecycle as the bank's SOP states it, written out independently of TRANSITIONS.
const LEGAL = new Set([
  "in_processing>quarantine",
  "in_processing>discarded",
  "in_processing>divided",
  "quarantine>available",
  "quarantine>in_processing",
  "quarantine>discarded",
  "quarantine>divided",
  "available>reserved",
  "available>quarantine",
  "available>discarded",
  "reserved>available",
  "reserved>shipped",
  "reserved>infused",
  "reserved>discarded",
  "shipped>received",
  "shipped>discarded",
  "received>infused",
  "received>discarded",
  "reserved>quarantine",
]);

describe("product status lifecycle", () => {
  for (const from of PRODUCT_STATUSES) {
    for (const to of PRODUCT_STATUSES) {
      const key = `${from}>${to}`;
      if (LEGAL.has(key)) {
        it(`allows ${from} → ${to}`, () =>
          expect(() => checkTransition("G123426000001:S1234V00", from, to)).not.toThrow());
      } else {
        it(`refuses ${from} → ${to}`, () => {
          let error: unknown;
          try {
            checkTransition("G123426000001:S1234V00", from, to);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(CradleError);
          expect((error as CradleError).code).toBe("STATUS_TRANSITION_ILLEGAL");
          expect((error as CradleError).message).toContain(`is ${from}: it cannot become ${to}`);
        });
      }
    }
  }

  it("has no way out of infused, discarded or divided", () => {
    expect(TRANSITIONS.infused).toEqual([]);
    expect(TRANSITIONS.discarded).toEqual([]);
    expect(TRANSITIONS.divided).toEqual([]);
  });
});
