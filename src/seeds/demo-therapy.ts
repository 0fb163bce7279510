/**
 * The demo's treatment program: the three protocols activated with the physician's signature, and four
 * babies at the moments that make the pages real: an HIE baby 20 hours old with dose 1 given and three
 * doses due before 72 hours, an HIE baby 6 hours old whose first dose is due within 48 hours, a Krabbe
 * baby in conditioning before a cord blood transplant on day 0, and a preterm baby on day 7 on the MSC
 * protocol for bronchopulmonary dysplasia. Everything goes through the services, audited and signed.
 */
import type { User } from "../accounts/users.js";
import {
  divideProduct,
  findProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseProductSigned,
} from "../bank/index.js";
import type { Product } from "../bank/index.js";
import type { ConsentScope } from "../consent/index.js";
import { recordConsent } from "../outcomes/index.js";
import type { Store } from "../store/connect.js";
import {
  activateProtocol,
  enrolPatient,
  orderDose,
  recordInfusion,
  registerPatient,
  reserveForPatient,
  verifyBedside,
} from "../therapy/index.js";

const HOUR = 3_600_000;

/** An instant written on a clock of the given offset, e.g. "2026-11-24T07:12:00-05:00". */
function onClock(t: Date, offsetHours: number): string {
  const local = new Date(t.getTime() + offsetHours * HOUR).toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? "-" : "+";
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, "0")}:00`;
}

export interface TherapyDemo {
  store: Store;
  now: Date;
  password: string;
  users: { lab: User; qm: User; coord: User; physician: User; nurse: User };
  /** An HLA genotype from the demo population, for the transplant baby. */
  genotype: () => string;
  /** Checks a typing against the loaded release. */
  validateHla: (glString: string) => void;
}

/** A parent's consent of one scope, recorded with the coordinator as witness. */
export async function demoConsent(d: TherapyDemo, mrn: string, scope: ConsentScope, at: Date) {
  return recordConsent(
    d.store,
    {
      mrn,
      scope,
      document: `DEMO ${scope} consent`,
      documentVersion: "2",
      signedBy: "parent (demo)",
      relationship: "mother",
      signedAt: at.toISOString(),
    },
    d.password,
    { user: d.users.coord, at },
  );
}

/** An HIE baby born `ageHours` ago: registered, the cord blood in four fresh aliquots released and reserved, enrolled. */
export async function demoHieBaby(d: TherapyDemo, mrn: string, ageHours: number, familyName: string) {
  const { store, users } = d;
  const at = (hoursBeforeNow: number) => new Date(d.now.getTime() - hoursBeforeNow * HOUR);
  const act = (user: User, hoursBeforeNow: number) => ({ user, at: at(hoursBeforeNow) });
  const birth = at(ageHours);
  await registerPatient(
    store,
    {
      mrn,
      givenName: "Baby",
      familyName,
      birth: onClock(birth, -5),
      sex: mrn.endsWith("1") ? "female" : "male",
      gestationalWeeks: 39,
      gestationalDays: 1,
      birthWeightGrams: 3400,
      motherMrn: `M-${mrn}`,
      icd10: "P91.6",
      indication: "neonatal-brain-injury",
      diagnosis: "Hypoxic-ischemic encephalopathy, moderate (Sarnat II), therapeutic hypothermia",
      cordBloodCollectedMl: 64,
    },
    act(users.coord, ageHours - 0.5),
  );
  const product = await registerCollection(
    store,
    {
      fin: "W9999",
      source: "cord-blood",
      donorId: mrn,
      motherId: `M-${mrn}`,
      consentRef: "DEMO-CB-CONSENT v3",
      collectedAt: birth.toISOString(),
      site: "Cradle NICU (demo)",
      volumeMl: 64,
      productCode: "S9002100",
      aboRhD: "O+",
      expiresAt: new Date(birth.getTime() + 72 * HOUR).toISOString(),
      storageTemperature: "refrigerated",
      recipientId: mrn,
    },
    act(users.lab, ageHours - 0.6),
  );
  const ref = { din: product.din };
  const t = (h: number) => act(users.lab, ageHours - h);
  await recordProcessing(
    store,
    ref,
    {
      step: "volume-reduction",
      performedAt: t(2).at.toISOString(),
      volumeBeforeMl: 64,
      volumeAfterMl: 20,
      complete: true,
    },
    t(2.1),
  );
  const results = [
    { test: "tnc", stage: "post-processing", value: 1.2e9 },
    { test: "cd34", stage: "post-processing", value: 3.5e6 },
    { test: "viability", stage: "post-processing", value: 96 },
    { test: "sterility", stage: "post-processing", result: "negative" },
    ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((test) => ({
      test,
      stage: "maternal",
      result: "negative",
    })),
  ];
  for (const q of results) await recordQc(store, ref, { ...q, testedAt: t(2.5).at.toISOString() }, t(2.6));
  const aliquots = await divideProduct(store, ref, [5, 5, 5, 5], t(2.8));
  for (const a of aliquots) {
    const which = { din: a.din, product: a.code };
    const rel = act(users.qm, ageHours - 3);
    await releaseProductSigned(
      store,
      which,
      { username: users.qm.username, printedName: users.qm.printedName, authenticatedAt: rel.at },
      rel,
    );
    await reserveForPatient(
      store,
      which,
      mrn,
      "HIE autologous protocol (demo)",
      act(users.coord, ageHours - 3.1),
    );
  }
  await demoConsent(d, mrn, "treatment", at(ageHours - 3.2));
  const plan = await enrolPatient(
    store,
    {
      mrn,
      protocol: "hie-autologous-cord-blood",
    },
    act(users.physician, ageHours - 3.3),
  );
  return {
    plan,
    aliquots: await Promise.all(aliquots.map((a) => findProduct(store.db, { din: a.din, product: a.code }))),
  };
}

/** One dose ordered, checked at the bedside by the nurse and the physician, and infused. */
export async function demoDose(
  d: TherapyDemo,
  planId: string,
  mrn: string,
  product: Product,
  doseNumber: number,
  when: { orderedHoursAgo: number; givenHoursAgo: number },
): Promise<void> {
  const { store, users, password } = d;
  const at = (h: number) => new Date(d.now.getTime() - h * HOUR);
  const order = await orderDose(
    store,
    { planId, doseNumber, din: product.din, productCode: product.code },
    { user: users.physician, at: at(when.orderedHoursAgo) },
  );
  const given = at(when.givenHoursAgo);
  const check = await verifyBedside(
    store,
    {
      orderId: order.id,
      wristband: mrn,
      din: product.dinWithCheck,
      productCode: product.code,
      administeredBy: { username: users.nurse.username, password },
      verifiedBy: { username: users.physician.username, password },
    },
    { user: users.nurse, at: given },
  );
  await recordInfusion(
    store,
    {
      checkId: check.check.id,
      startedAt: given.toISOString(),
      endedAt: given.toISOString(),
      volumeMl: order.drawMl,
      location: "NICU bed 3 (demo)",
      vitalsBefore: { heartRate: 128, respiratoryRate: 44, spo2: 98, temperatureC: 33.5 },
      vitalsAfter: { heartRate: 131, respiratoryRate: 46, spo2: 98, temperatureC: 33.5 },
    },
    { user: users.nurse, at: given },
  );
}

export async function loadTherapyDemo(d: TherapyDemo): Promise<void> {
  const { store, users, password } = d;
  const at = (hoursBeforeNow: number) => new Date(d.now.getTime() - hoursBeforeNow * HOUR);
  const act = (user: User, hoursBeforeNow: number) => ({ user, at: at(hoursBeforeNow) });
  for (const protocol of [
    "hie-autologous-cord-blood",
    "allogeneic-cord-blood-transplant",
    "msc-bronchopulmonary-dysplasia",
  ]) {
    // Activated before the oldest demo patient was enrolled (see demo-outcomes.ts).
    await activateProtocol(store, protocol, password, act(users.physician, 24 * 365 * 4));
  }

  // 20 hours old: dose 1 given just now.
  const first = await demoHieBaby(d, "DEMO-HIE-0001", 20, "Okafor");
  const a0 = first.aliquots[0];
  // The check is signed "now" (a signature needs a fresh sign-in) and the infusion recorded after it.
  if (a0) await demoDose(d, first.plan.id, "DEMO-HIE-0001", a0, 1, { orderedHoursAgo: 9, givenHoursAgo: 0 });
  // 6 hours old: the first dose is due within 42 hours.
  await demoHieBaby(d, "DEMO-HIE-0002", 6, "Lindqvist");

  // Krabbe, 20 days old, conditioning before a transplant on day 0 in 3 days.
  await registerPatient(
    store,
    {
      mrn: "DEMO-KRB-0001",
      givenName: "Baby",
      familyName: "Haddad",
      birth: onClock(at(20 * 24), 2),
      sex: "male",
      gestationalWeeks: 40,
      gestationalDays: 0,
      birthWeightGrams: 3550,
      icd10: "E75.23",
      indication: "genetic-disorder",
      diagnosis: "Infantile Krabbe disease (GALC deficiency), newborn screening, presymptomatic",
      hla: d.genotype(),
    },
    act(users.coord, 24 * 12),
  );
  await demoConsent(d, "DEMO-KRB-0001", "treatment", at(24 * 11));
  await enrolPatient(
    store,
    {
      mrn: "DEMO-KRB-0001",
      protocol: "allogeneic-cord-blood-transplant",
      day0: new Date(d.now.getTime() + 3 * 24 * HOUR).toISOString(),
    },
    act(users.physician, 24 * 10),
  );

  // Born at 25+3 weeks, 780 g, ventilated, day 7.
  await registerPatient(
    store,
    {
      mrn: "DEMO-BPD-0001",
      givenName: "Baby",
      familyName: "Nakamura",
      birth: onClock(at(7 * 24), 9),
      sex: "female",
      gestationalWeeks: 25,
      gestationalDays: 3,
      birthWeightGrams: 780,
      icd10: "P27.1",
      indication: "complication-of-prematurity",
      diagnosis: "Evolving bronchopulmonary dysplasia, ventilator dependent",
      respiratorySupport: "mechanical-ventilation",
    },
    act(users.coord, 24 * 6.5),
  );
  await demoConsent(d, "DEMO-BPD-0001", "treatment", at(24 * 1.5));
  await enrolPatient(
    store,
    {
      mrn: "DEMO-BPD-0001",
      protocol: "msc-bronchopulmonary-dysplasia",
      // The trial's randomisation assigned her to the MSC arm after her parents consented.
      allocation: { arm: "msc", reference: "BPD2-R-0001", randomisedAt: at(24 * 1.2).toISOString() },
    },
    act(users.physician, 24),
  );
}
