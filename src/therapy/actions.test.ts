/** The actions a record offers: from THERAPY_ROLES and the plan's state, never more than the service allows. */
import { describe, expect, it } from "vitest";
import { patientActions, planActions } from "./actions.js";

const dose = (state: "upcoming" | "due" | "overdue" | "given" | "missed") => ({
  number: 1,
  earliest: "2026-03-08T06:30:00.000Z",
  latest: "2026-03-10T06:30:00.000Z",
  state,
  missedReason: null,
});

describe("therapy actions", () => {
  it("follow the roles on the patient's record", () => {
    expect(patientActions(["physician"])).toEqual(["recordWeight", "enrol"]);
    expect(patientActions(["nurse"])).toEqual(["recordWeight"]);
    expect(patientActions(["coordinator", "auditor"])).toEqual([]);
  });

  it("follow the plan's state: ordering while a dose window is open, the bedside while an order waits", () => {
    const active = { state: "active" as const, doses: [dose("due")] };
    expect(planActions(["physician"], active, [{ state: "ordered" }])).toEqual([
      "enrol",
      "orderDose",
      "bedside",
      "recordMissed",
    ]);
    expect(planActions(["nurse"], active, [{ state: "ordered" }])).toEqual(["bedside"]);
    expect(planActions(["nurse"], active, [{ state: "infused" }])).toEqual([]);
    // The window closed: no new order, but the physician may record why the dose was not given.
    expect(planActions(["physician"], { ...active, doses: [dose("overdue")] }, [])).toEqual([
      "enrol",
      "recordMissed",
    ]);
    expect(planActions(["physician"], { state: "completed", doses: [dose("given")] }, [])).toEqual([]);
  });
});
