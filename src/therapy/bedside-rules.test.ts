/**
 * The bedside check's rules over hand-built facts, no database: each rule passes on the right baby,
 * product, state, window, weight and people, and each failure names what is wrong. An HIE baby's fresh
 * autologous aliquot, 4 mL, reserved for the baby; dose 1 due until 48 h of age.
 */
import { describe, expect, it } from "vitest";
import { BEDSIDE_RULES, type BedsideFacts, bedsideResults } from "./bedside-rules.js";
import { PROTOCOLS } from "./protocols.js";

const active = { mustChangePassword: false, disabled: false };

const MRN = "MRN-1001";
const facts = (over: Partial<BedsideFacts> = {}): BedsideFacts => ({
  at: new Date("2026-03-08T12:00:00Z"),
  order: {
    id: "order-1",
    productId: "G123426000001:S12341A0",
    doseNumber: 1,
    drawMl: 3.2,
    state: "ordered",
    weighedAt: "2026-03-08T06:30:00.000Z",
    weightGrams: 3200,
  },
  plan: {
    id: "plan-1",
    mrn: MRN,
    state: "active",
    doses: [
      {
        number: 1,
        earliest: "2026-03-08T06:30:00.000Z",
        latest: "2026-03-10T06:30:00.000Z",
        state: "due",
        missedReason: null,
      },
    ],
  },
  protocol: PROTOCOLS["hie-autologous-cord-blood"],
  wristband: { patient: { mrn: MRN, familyName: "Okafor", givenName: "Baby Girl" } },
  bag: {
    product: {
      id: "G123426000001:S12341A0",
      status: "reserved",
      collectionType: "1",
      donorId: MRN,
      storageTemperature: "refrigerated",
      expiresAt: "2026-03-11T06:30:00.000Z",
      volumeMl: 4,
    },
    reservedFor: MRN,
    holds: [],
  },
  latestWeight: { measuredAt: "2026-03-08T06:30:00.000Z", grams: 3200 },
  people: [
    { username: "nina", roles: ["nurse"], ...active },
    { username: "nora", roles: ["nurse"], ...active },
  ],
  ...over,
});

const failed = (f: BedsideFacts) =>
  bedsideResults(f)
    .filter((r) => !r.passed)
    .map((r) => `${r.rule}: ${r.reason}`);

const bag = (over: Record<string, unknown>, reservedFor: string | null = MRN): BedsideFacts["bag"] => {
  const b = facts().bag as Extract<BedsideFacts["bag"], { product: unknown }>;
  return { product: { ...b.product, ...over }, reservedFor, holds: [] };
};

describe("the bedside rules", () => {
  it("pass every rule for the right baby, product, window, weight and two bedside staff", () => {
    const results = bedsideResults(facts());
    expect(results.map((r) => r.rule)).toEqual(BEDSIDE_RULES.map((r) => r.rule));
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it("name the wrong baby, and a product barcode scanned as a wristband", () => {
    expect(
      failed(
        facts({
          wristband: { patient: { mrn: "MRN-1003", familyName: "Lindqvist", givenName: "Baby Boy" } },
        }),
      ),
    ).toEqual([
      "patient: wrong baby: the wristband is MRN-1003 (Lindqvist, Baby Boy); the order is for MRN-1001",
    ]);
    expect(failed(facts({ wristband: { refused: "wristband is an ISBT 128 product barcode" } }))).toEqual([
      "patient: wristband is an ISBT 128 product barcode",
    ]);
  });

  it("skip the bag's rules when the scan identified no product, and say why", () => {
    const results = bedsideResults(facts({ bag: { refused: "no product with this DIN" } }));
    expect(results.map((r) => r.rule)).toEqual([
      "patient",
      "product",
      "order",
      "window",
      "weight",
      "two-people",
      "people-active",
      "role",
    ]);
    expect(failed(facts({ bag: { refused: "no product with this DIN" } }))).toEqual([
      "product: the scanned product cannot be used: no product with this DIN",
    ]);
  });

  it("block a product on hold, naming the hold's reason", () => {
    const held = {
      ...(bag({}) as Extract<BedsideFacts["bag"], { product: unknown }>),
      holds: ["sterility-negative: sterility post-thaw is positive"],
    };
    expect(failed(facts({ bag: held }))).toEqual([
      "not-on-hold: G123426000001:S12341A0 is on hold: sterility-negative: sterility post-thaw is positive: a quality manager's disposition is needed",
    ]);
  });

  it("block another product, one not released, reserved for another baby, expired, or too small", () => {
    expect(failed(facts({ bag: bag({ id: "G123426000001:S12341B0" }) }))).toEqual([
      "product: wrong product: scanned G123426000001:S12341B0, the order is for G123426000001:S12341A0",
    ]);
    expect(failed(facts({ bag: bag({ status: "quarantine" }) }))).toEqual([
      "status: G123426000001:S12341A0 is quarantine: not released",
    ]);
    expect(failed(facts({ bag: bag({ status: "infused" }) }))).toEqual([
      "status: G123426000001:S12341A0 is infused: it cannot be infused",
    ]);
    expect(failed(facts({ bag: bag({}, "MRN-1003") }))).toEqual([
      "reservation: G123426000001:S12341A0 is reserved for MRN-1003, not for MRN-1001",
    ]);
    expect(failed(facts({ bag: bag({}, null) }))).toEqual([
      "reservation: G123426000001:S12341A0 is not reserved, not for MRN-1001",
    ]);
    // Expired at noon: a check at noon is too late (expiry is exclusive).
    expect(failed(facts({ bag: bag({ expiresAt: "2026-03-08T12:00:00.000Z" }) }))).toEqual([
      "expiry: G123426000001:S12341A0 expired at 2026-03-08T12:00:00.000Z",
    ]);
    expect(failed(facts({ bag: bag({ volumeMl: 3.1 }) }))).toEqual([
      "volume: the order draws 3.2 mL and the bag holds 3.1 mL",
    ]);
  });

  it("block the HIE protocol's wrong kinds of cells: another baby's, not autologous, frozen", () => {
    expect(failed(facts({ bag: bag({ donorId: "MRN-1003" }) }))).toEqual([
      "product-kind: product G123426000001:S12341A0 is autologous cells of MRN-1003, not of MRN-1001",
    ]);
    expect(failed(facts({ bag: bag({ collectionType: "V" }) }))[0]).toMatch(
      /not labelled for autologous use/,
    );
    expect(failed(facts({ bag: bag({ storageTemperature: "cryopreserved" }) }))[0]).toMatch(
      /gives fresh cells/,
    );
  });

  it("block an order not to give, a window not open or closed, a plan ended", () => {
    const order = facts().order;
    expect(failed(facts({ order: { ...order, state: "cancelled" } }))).toEqual([
      "order: order order-1 is cancelled",
    ]);
    const dose = facts().plan.doses[0] as BedsideFacts["plan"]["doses"][number];
    const plan = (state: typeof dose.state) => ({ ...facts().plan, doses: [{ ...dose, state }] });
    expect(failed(facts({ plan: plan("upcoming") }))).toEqual([
      "window: dose 1's window opens at 2026-03-08T06:30:00.000Z",
    ]);
    expect(failed(facts({ plan: plan("overdue") }))).toEqual([
      "window: dose 1's window closed at 2026-03-10T06:30:00.000Z",
    ]);
    expect(failed(facts({ plan: plan("given") }))).toEqual(["window: dose 1 is given"]);
    expect(failed(facts({ plan: { ...facts().plan, state: "withdrawn" } }))).toEqual([
      "window: plan plan-1 is withdrawn",
    ]);
  });

  it("block a dose computed from a weight no longer the latest", () => {
    expect(failed(facts({ latestWeight: { measuredAt: "2026-03-08T10:00:00.000Z", grams: 3100 } }))).toEqual([
      "weight: a weight of 3100 g was recorded at 2026-03-08T10:00:00.000Z after the order used 3200 g: order the dose again",
    ]);
  });

  it("need two different people, each allowed at the bedside", () => {
    const nina = { username: "nina", roles: ["nurse" as const], ...active };
    expect(failed(facts({ people: [nina, nina] }))).toEqual([
      "two-people: nina cannot both administer and verify",
    ]);
    expect(
      failed(facts({ people: [nina, { username: "cole", roles: ["coordinator"], ...active }] })),
    ).toEqual(["role: cole (coordinator) may not administer or verify infusions"]);
  });

  it("need active accounts: none disabled, none with a one-time password pending", () => {
    const nina = { username: "nina", roles: ["nurse" as const], ...active };
    const nora = { username: "nora", roles: ["nurse" as const], ...active };
    expect(failed(facts({ people: [nina, { ...nora, mustChangePassword: true }] }))).toEqual([
      "people-active: nora has not completed the first sign-in (one-time password pending): only active accounts may administer or verify",
    ]);
    expect(failed(facts({ people: [{ ...nina, disabled: true }, nora] }))).toEqual([
      "people-active: nina's account is disabled: only active accounts may administer or verify",
    ]);
  });

  it("report every failure at once, never stopping at the first", () => {
    const all = failed(
      facts({
        wristband: { refused: "not a medical record number" },
        bag: bag({ status: "quarantine", expiresAt: "2026-03-08T00:00:00.000Z" }, null),
        people: [
          { username: "nina", roles: ["nurse"], ...active },
          { username: "nina", roles: ["nurse"], ...active },
        ],
      }),
    );
    expect(all.map((r) => r.split(":")[0])).toEqual([
      "patient",
      "status",
      "reservation",
      "expiry",
      "two-people",
    ]);
  });
});
