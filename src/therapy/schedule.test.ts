/**
 * Protocol windows against hand-worked times: the HIE edges at 48 and 72 hours of age, births given in
 * other zones, and across daylight-saving changes (hours of age are elapsed hours, not clock readings).
 */
import { describe, expect, it } from "vitest";
import { PROTOCOLS } from "./protocols.js";
import { instantWithZone, scheduleDoses, windowState } from "./schedule.js";

const hie = PROTOCOLS["hie-autologous-cord-blood"]?.windows ?? [];

describe("protocol schedules", () => {
  it("HIE: the first dose by birth + 48 h, every dose by birth + 72 h", () => {
    const doses = scheduleDoses(hie, { birth: instantWithZone("birth", "2026-03-01T04:30:00Z") });
    expect(doses).toEqual([
      { number: 1, earliest: "2026-03-01T04:30:00.000Z", latest: "2026-03-03T04:30:00.000Z" },
      { number: 2, earliest: "2026-03-01T04:30:00.000Z", latest: "2026-03-04T04:30:00.000Z" },
      { number: 3, earliest: "2026-03-01T04:30:00.000Z", latest: "2026-03-04T04:30:00.000Z" },
      { number: 4, earliest: "2026-03-01T04:30:00.000Z", latest: "2026-03-04T04:30:00.000Z" },
    ]);
  });

  it("is due at exactly 48 h and overdue one minute later", () => {
    const [first] = scheduleDoses(hie, { birth: instantWithZone("birth", "2026-03-01T04:30:00Z") });
    if (!first) throw new Error("no dose");
    expect(windowState(first, new Date("2026-03-03T04:30:00Z"))).toBe("due");
    expect(windowState(first, new Date("2026-03-03T04:31:00Z"))).toBe("overdue");
    expect(windowState(first, new Date("2026-03-01T04:29:00Z"))).toBe("upcoming");
  });

  it("reads a birth in another zone: 23:10 in Honolulu (-10:00) is 09:10 UTC the next day", () => {
    const [first] = scheduleDoses(hie, { birth: instantWithZone("birth", "2026-07-14T23:10:00-10:00") });
    expect(first?.latest).toBe("2026-07-17T09:10:00.000Z");
  });

  it("counts elapsed hours across a daylight-saving change", () => {
    // New York springs forward at 02:00 on 8 March 2026. Born 22:00 EST on 7 March (03:00 UTC on 8 March):
    // 48 hours of age is 03:00 UTC on 10 March, which New York clocks show as 23:00 EDT, not 22:00.
    const [first] = scheduleDoses(hie, { birth: instantWithZone("birth", "2026-03-07T22:00:00-05:00") });
    expect(first?.latest).toBe("2026-03-10T03:00:00.000Z");
    // And back: London falls back at 02:00 BST on 25 October 2026. Born 00:30 BST (23:30 UTC on the 24th).
    const [, second] = scheduleDoses(hie, { birth: instantWithZone("birth", "2026-10-25T00:30:00+01:00") });
    expect(second?.latest).toBe("2026-10-27T23:30:00.000Z");
  });

  it("counts a transplant's infusion from day 0 and refuses it without day 0", () => {
    const tx = PROTOCOLS["allogeneic-cord-blood-transplant"]?.windows ?? [];
    const birth = instantWithZone("birth", "2026-01-10T08:00:00Z");
    expect(() => scheduleDoses(tx, { birth })).toThrow(/give --day0/);
    expect(scheduleDoses(tx, { birth, day0: instantWithZone("day0", "2026-02-01T09:00:00+01:00") })).toEqual([
      { number: 1, earliest: "2026-02-01T08:00:00.000Z", latest: "2026-02-02T08:00:00.000Z" },
    ]);
  });

  it("places the BPD dose on days 5 to 14 of life", () => {
    const bpd = PROTOCOLS["msc-bronchopulmonary-dysplasia"]?.windows ?? [];
    expect(scheduleDoses(bpd, { birth: instantWithZone("birth", "2026-05-01T12:00:00Z") })).toEqual([
      { number: 1, earliest: "2026-05-06T12:00:00.000Z", latest: "2026-05-15T12:00:00.000Z" },
    ]);
  });

  it("refuses a birth time without its zone", () => {
    expect(() => instantWithZone("birth", "2026-03-01T04:30:00")).toThrow(/with its zone/);
    expect(() => instantWithZone("birth", "yesterday")).toThrow(/birth "yesterday"/);
  });
});
