/**
 * Visit windows on SQLite and PostgreSQL: the HIE protocol's month-12 visit is day 365 ± 30 from birth, so
 * a form on day 335 or 395 is in its window and one on day 334 or 396 is out by one day (early, late);
 * the visit lists them and the report counts them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import type { Store } from "../store/connect.js";
import { activateProtocol } from "../therapy/index.js";
import { VISITS, outcomesReport, planFollowUp, recordFollowUp } from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const DAY = 24;

describe.each(DIALECTS)("visit windows on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
  });

  it("flags a form one day outside day ± tolerance, at both edges, and the report counts them", async () => {
    const month12 = VISITS["hie-autologous-cord-blood"]?.visits.find((v) => v.visit === "month-12");
    expect(month12).toMatchObject({ day: 365, tolerance: 30 });
    const a = await treatedHieBaby(s, t, c, "MRN-7001", BIRTH);
    const ids = new Map<number, string>();
    // An hour into each day after birth: the day counted is the whole days since the birth.
    for (const day of [334, 335, 395, 396]) {
      const f = await recordFollowUp(
        s,
        {
          planId: a.plan.id,
          visit: "month-12",
          form: "vital-status",
          observedAt: c.iso(DAY * day + 1),
          data: { alive: true },
        },
        c.act(t.physician, DAY * 400),
      );
      ids.set(day, f.id);
    }
    const { visits } = await planFollowUp(s, a.plan.id, c.act(t.nurse, DAY * 400));
    const v = visits.find((x) => x.visit === "month-12");
    expect(v?.outOfWindow).toEqual([
      { formId: ids.get(334), form: "vital-status", day: 334, daysOff: -1 },
      { formId: ids.get(396), form: "vital-status", day: 396, daysOff: 1 },
    ]);
    const report = await outcomesReport(s, c.act(t.qm, DAY * 400));
    expect(report.visitWindows).toEqual({ forms: 4, outOfWindow: 2 });
  });
});
