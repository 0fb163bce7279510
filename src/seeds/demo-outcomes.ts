/**
 * The demo's outcomes: babies treated over the past three years, so the outcomes page has curves. HIE
 * babies given their own cord blood, with research and banking consents (one withdrawn), Bayley-III at 12
 * and 24 months, and a few deaths; cord blood transplants for inherited disorders with counts around
 * engraftment, acute GVHD forms and a graft failure; adverse events of several grades, one expedited.
 * Seeded: the same seed gives the same program.
 */
import type { User } from "../accounts/users.js";
import {
  findProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseProductSigned,
} from "../bank/index.js";
import type { ConsentScope } from "../consent/index.js";
import { seededRandom } from "../matching/synthetic-registry.js";
import {
  type CtcaeDictionary,
  type FieldValue,
  type FormName,
  type NewAdverseEvent,
  recordAdverseEvent,
  recordFollowUp,
  withdrawConsent,
} from "../outcomes/index.js";
import {
  enrolPatient,
  recordMissedDose,
  recordWeight,
  registerPatient,
  reserveForPatient,
} from "../therapy/index.js";
import { type TherapyDemo, demoConsent, demoDose, demoHieBaby } from "./demo-therapy.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function loadOutcomesDemo(
  d: TherapyDemo,
  o: { hie: number; transplants: number; seed: number; ctcae?: CtcaeDictionary },
): Promise<void> {
  const rand = seededRandom(o.seed + 7);
  const { store, users } = d;
  const when = (daysAgo: number) => new Date(d.now.getTime() - daysAgo * DAY);
  const act = (user: User, daysAgo: number) => ({ user, at: when(daysAgo) });
  const follow = async (
    planId: string,
    visit: string,
    form: FormName,
    daysAgo: number,
    data: Record<string, FieldValue>,
  ) => {
    if (daysAgo < 0) return;
    await recordFollowUp(
      store,
      { planId, visit, form, observedAt: when(daysAgo).toISOString(), data },
      act(users.physician, daysAgo),
    );
  };
  // Adverse events are coded in CTCAE v5.0: without the dictionary the demo has none.
  const adverse = async (input: NewAdverseEvent, a: ReturnType<typeof act>) => {
    if (o.ctcae) await recordAdverseEvent(store, input, a, o.ctcae);
  };
  const consent = (mrn: string, scope: ConsentScope, daysAgo: number) =>
    demoConsent(d, mrn, scope, when(daysAgo));
  const bayley = () => Math.max(55, Math.min(145, Math.round(92 + (rand() - 0.5) * 40)));

  for (let i = 0; i < o.hie; i++) {
    const ageDays = 80 + Math.floor(((1000 - 80) * i) / Math.max(1, o.hie - 1));
    const mrn = `DEMO-HIE-${String(101 + i).padStart(4, "0")}`;
    const baby = await demoHieBaby(
      d,
      mrn,
      ageDays * 24,
      ["Adeyemi", "Berg", "Costa", "Dubois", "Eze", "Fischer", "Garcia", "Hansen", "Ito", "Jensen"][
        i % 10
      ] as string,
    );
    const a0 = baby.aliquots[0];
    if (!a0) continue;
    await demoDose(d, baby.plan.id, mrn, a0, 1, {
      orderedHoursAgo: ageDays * 24 - 5,
      givenHoursAgo: ageDays * 24 - 6,
    });
    for (const n of [2, 3, 4]) {
      await recordMissedDose(
        store,
        baby.plan.id,
        n,
        "one dose given under the demo's schedule",
        act(users.physician, ageDays - 3.1),
      );
    }
    const research = i % 5 !== 4 ? await consent(mrn, "research", ageDays - 1) : undefined;
    await consent(mrn, "cord-blood-banking", ageDays);
    if (research && i === 2)
      await withdrawConsent(
        store,
        research.id,
        "parents withdrew from research (demo)",
        act(users.coord, 30),
      );
    if (rand() < 0.4) {
      await adverse(
        {
          mrn,
          planId: baby.plan.id,
          term: rand() < 0.5 ? "Fever" : "Hypertension",
          grade: rand() < 0.7 ? 1 : 2,
          serious: false,
          attribution: "possible",
          expected: true,
          onsetAt: when(ageDays - 1).toISOString(),
          description: "during or after the infusion (demo)",
        },
        act(users.nurse, ageDays - 1),
      );
    }
    // Two babies die in the first year; the rest are seen at 12 and 24 months.
    const diedDay = i === 1 || i === 6 ? Math.min(ageDays - 5, 40 + Math.floor(rand() * 200)) : undefined;
    if (diedDay !== undefined) {
      const died = when(ageDays - diedDay);
      await follow(baby.plan.id, "month-12", "vital-status", ageDays - diedDay - 1, {
        alive: false,
        deathDate: died.toISOString().slice(0, 10),
        cause: "complications of HIE (demo)",
      });
      continue;
    }
    for (const [visit, day] of [
      ["month-12", 365],
      ["month-24", 730],
    ] as const) {
      if (ageDays < day + 3) continue;
      await follow(baby.plan.id, visit, "neurodevelopment", ageDays - day, {
        instrument: "Bayley-III",
        cognitive: bayley(),
        motor: bayley(),
        language: bayley(),
      });
      await follow(baby.plan.id, visit, "vital-status", ageDays - day, { alive: true });
    }
  }

  const disorders = [
    ["E75.23", "Infantile Krabbe disease (demo)"],
    ["E76.01", "Hurler syndrome (demo)"],
    ["D81.1", "Severe combined immunodeficiency (demo)"],
  ] as const;
  for (let i = 0; i < o.transplants; i++) {
    const day0Ago = 60 + Math.floor(((900 - 60) * i) / Math.max(1, o.transplants - 1));
    const birthAgo = day0Ago + 25;
    const mrn = `DEMO-TX-${String(101 + i).padStart(4, "0")}`;
    const [icd10, diagnosis] = disorders[i % 3] as (typeof disorders)[number];
    await registerPatient(
      store,
      {
        mrn,
        givenName: "Baby",
        familyName: ["Khan", "Larsen", "Moreau", "Novak", "Okoro", "Petrov"][i % 6] as string,
        birth: when(birthAgo).toISOString(),
        sex: i % 2 ? "male" : "female",
        gestationalWeeks: 39,
        gestationalDays: 2,
        birthWeightGrams: 3300,
        icd10,
        indication: "genetic-disorder",
        diagnosis,
        hla: d.genotype(),
      },
      act(users.coord, birthAgo - 5),
    );
    await recordWeight(
      store,
      mrn,
      { grams: 4100, measuredAt: when(day0Ago + 2).toISOString() },
      act(users.nurse, day0Ago + 2),
    );
    const unit = await registerCollection(
      store,
      {
        fin: "W9999",
        source: "cord-blood",
        donorId: `DEMO-CB-TX-${i + 1}`,
        consentRef: "DEMO-PUBLIC-CB v1",
        collectedAt: when(day0Ago + 400).toISOString(),
        site: "Public bank (demo)",
        volumeMl: 90,
        productCode: "S9001V00",
        aboRhD: "O+",
        storageTemperature: "cryopreserved",
      },
      act(users.lab, day0Ago + 400),
    );
    const ref = { din: unit.din };
    await recordProcessing(
      store,
      ref,
      {
        step: "volume-reduction",
        performedAt: when(day0Ago + 399).toISOString(),
        volumeBeforeMl: 90,
        volumeAfterMl: 25,
        complete: true,
      },
      act(users.lab, day0Ago + 399),
    );
    for (const [test, stage, v] of [
      ["tnc", "post-processing", 1.1e9 + Math.round(rand() * 8e8)],
      ["cd34", "post-processing", 4e6],
      ["viability", "post-processing", 93],
      ["sterility", "post-processing", "negative"],
      ["abo", "post-processing", "O+"],
      ["hla", "post-processing", d.genotype()],
      ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((m) => [m, "maternal", "negative"]),
    ] as [string, string, number | string][]) {
      await recordQc(
        store,
        ref,
        {
          test,
          stage,
          testedAt: when(day0Ago + 398).toISOString(),
          ...(typeof v === "number" ? { value: v } : { result: v }),
        },
        act(users.lab, day0Ago + 398),
        { validateHla: d.validateHla },
      );
    }
    const rel = act(users.qm, day0Ago + 380);
    await releaseProductSigned(
      store,
      ref,
      { username: users.qm.username, printedName: users.qm.printedName, authenticatedAt: rel.at },
      rel,
    );
    await reserveForPatient(store, ref, mrn, "cord search (demo)", act(users.coord, day0Ago + 14));
    await demoConsent(d, mrn, "treatment", when(day0Ago + 13));
    const plan = await enrolPatient(
      store,
      {
        mrn,
        protocol: "allogeneic-cord-blood-transplant",
        day0: when(day0Ago).toISOString(),
      },
      act(users.physician, day0Ago + 12),
    );
    const product = await findProduct(store.db, ref);
    await demoDose(d, plan.id, mrn, product, 1, {
      orderedHoursAgo: day0Ago * 24 + 2,
      givenHoursAgo: day0Ago * 24 - 1,
    });
    await consent(mrn, "research", day0Ago + 13);
    // Counts: a nadir by day 7, recovery from day 18–30 (one graft failure never recovers).
    const failure = i === 3;
    const engraftDay = 18 + Math.floor(rand() * 12);
    const counts: [number, number, string][] = [
      [7, 0.05, "day+7"],
      [14, 0.1, "day+14"],
    ];
    for (let day = 16; day <= 42; day++) {
      const anc = failure
        ? 0.1 + rand() * 0.2
        : day >= engraftDay
          ? 0.6 + (day - engraftDay) * 0.15
          : 0.1 + rand() * 0.3;
      counts.push([day, Math.round(anc * 100) / 100, day <= 21 ? "day+14" : day <= 35 ? "day+28" : "day+42"]);
    }
    for (const [day, anc, visit] of counts) {
      await follow(plan.id, visit, "blood-counts", day0Ago - day, {
        anc,
        platelets: day < engraftDay + 5 ? 15 : 45,
      });
    }
    await follow(plan.id, "day+28", "acute-gvhd", day0Ago - 28, {
      skin: i % 3 === 0 ? 2 : 0,
      liver: 0,
      upperGi: 0,
      lowerGi: i === 5 ? 2 : 0,
    });
    await follow(plan.id, "day+28", "chimerism", day0Ago - 28, {
      donorPercent: failure ? 3 : 97,
      lineage: "whole-blood",
    });
    if (failure) {
      await adverse(
        {
          mrn,
          planId: plan.id,
          term: "Blood and lymphatic system disorders - Other, specify",
          otherSpecify: "Graft failure",
          grade: 4,
          serious: true,
          attribution: "definite",
          expected: true,
          onsetAt: when(day0Ago - 42).toISOString(),
          description: "no neutrophil recovery by day +42 (demo)",
        },
        act(users.physician, day0Ago - 42),
      );
      await follow(plan.id, "day+100", "vital-status", day0Ago - 75, {
        alive: false,
        deathDate: when(day0Ago - 74)
          .toISOString()
          .slice(0, 10),
        cause: "infection after graft failure (demo)",
      });
      continue;
    }
    if (i === 1) {
      await adverse(
        {
          mrn,
          planId: plan.id,
          term: "Anaphylaxis",
          grade: 3,
          serious: true,
          attribution: "probable",
          expected: false,
          onsetAt: when(day0Ago).toISOString(),
          description: "during the infusion (demo)",
        },
        act(users.nurse, day0Ago),
      );
    }
    await follow(plan.id, "day+100", "vital-status", day0Ago - 100, { alive: true });
    if (day0Ago > 370) await follow(plan.id, "year-1", "vital-status", day0Ago - 365, { alive: true });
  }
}
