/**
 * An HIE case for therapy tests: the clinical team, a term baby with hypoxic-ischemic encephalopathy, and
 * the baby's own cord blood collected, volume-reduced, counted and divided into aliquots kept fresh at
 * 2–8 °C, released and reserved for the baby. Times are counted in hours after birth.
 */
import { type User, createUser } from "../../src/accounts/users.js";
import type { Act } from "../../src/bank/act.js";
import { divideProduct } from "../../src/bank/lifecycle.js";
import { recordProcessing } from "../../src/bank/processing.js";
import { type Product, findProduct, registerCollection } from "../../src/bank/products.js";
import { recordQc } from "../../src/bank/qc.js";
import { releaseProduct } from "../../src/bank/release.js";
import type { Store } from "../../src/store/connect.js";
import { type NewPatient, registerPatient } from "../../src/therapy/patients.js";
import { reserveForPatient } from "../../src/therapy/reservations.js";
import { PASSWORD } from "./bank.js";

export interface Team {
  physician: User;
  nurse: User;
  nurse2: User;
  tech: User;
  qm: User;
  coordinator: User;
}

export async function team(store: Store, prefix = ""): Promise<Team> {
  const at = new Date("2026-01-01T00:00:00Z");
  const user = (username: string, printedName: string, role: User["roles"][number]) =>
    createUser(
      store,
      { username: `${prefix}${username}`, printedName, roles: [role], password: PASSWORD },
      "system",
      at,
    );
  return {
    physician: await user("pam", "Pam Physician", "physician"),
    nurse: await user("nina", "Nina Nurse", "nurse"),
    nurse2: await user("nora", "Nora Nurse", "nurse"),
    tech: await user("tom", "Tom Lab", "lab-technologist"),
    qm: await user("quincy", "Quincy Quality", "quality-manager"),
    coordinator: await user("cole", "Cole Coordinator", "coordinator"),
  };
}

/** A clock in hours after a birth. */
export function clock(birthIso: string) {
  const birth = Date.parse(birthIso);
  return {
    at: (hours: number) => new Date(birth + hours * 3_600_000),
    iso: (hours: number) => new Date(birth + hours * 3_600_000).toISOString(),
    act: (user: User, hours: number): Act => ({ user, at: new Date(birth + hours * 3_600_000) }),
  };
}

export function hieBaby(mrn: string, birth: string, over: Partial<NewPatient> = {}): NewPatient {
  return {
    mrn,
    givenName: "Baby Girl",
    familyName: "Okafor",
    birth,
    sex: "female",
    gestationalWeeks: 38,
    gestationalDays: 2,
    birthWeightGrams: 3200,
    motherMrn: `M-${mrn}`,
    icd10: "P91.6",
    indication: "neonatal-brain-injury",
    diagnosis: "Hypoxic-ischemic encephalopathy, moderate (Sarnat II), cooled",
    cordBloodCollectedMl: 62,
    ...over,
  };
}

export interface AutologousSetup {
  /** The aliquots A0, B0, … reserved for the baby. */
  aliquots: Product[];
  /** An aliquot left in quarantine (not released), when asked for. */
  unreleased?: Product;
  din: string;
}

/**
 * The baby's cord blood: registered at birth, volume-reduced to 20 mL holding 1.0×10^9 TNC (5×10^7/mL),
 * divided into `count` aliquots of equal volume, each released and reserved for the baby except the last
 * when `keepOneUnreleased`. Fresh cells expire `expiresHours` after birth.
 */
export async function autologousCordBlood(
  store: Store,
  t: Team,
  c: ReturnType<typeof clock>,
  mrn: string,
  o: { count?: number; keepOneUnreleased?: boolean; expiresHours?: number; fin?: string } = {},
): Promise<AutologousSetup> {
  const count = o.count ?? 4;
  const product = await registerCollection(
    store,
    {
      fin: o.fin ?? "G1234",
      source: "cord-blood",
      donorId: mrn,
      motherId: `M-${mrn}`,
      consentRef: "CB-CONSENT v3",
      collectedAt: c.iso(0.1),
      site: "Level IV NICU",
      volumeMl: 62,
      productCode: "S1234100",
      aboRhD: "O+",
      expiresAt: c.iso(o.expiresHours ?? 72),
      storageTemperature: "refrigerated",
      recipientId: mrn,
    },
    c.act(t.tech, 0.5),
  );
  const ref = { din: product.din };
  await recordProcessing(
    store,
    ref,
    {
      step: "volume-reduction",
      performedAt: c.iso(2),
      method: "Sepax 2",
      volumeBeforeMl: 62,
      volumeAfterMl: 20,
      complete: true,
    },
    c.act(t.tech, 2.1),
  );
  const results = [
    { test: "tnc", stage: "post-processing", value: 1.0e9 },
    { test: "cd34", stage: "post-processing", value: 3.0e6 },
    { test: "viability", stage: "post-processing", value: 95 },
    { test: "sterility", stage: "post-processing", result: "negative" },
    ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((test) => ({
      test,
      stage: "maternal",
      result: "negative",
    })),
  ];
  for (const q of results) await recordQc(store, ref, { ...q, testedAt: c.iso(2.5) }, c.act(t.tech, 2.6));
  const volumes = Array.from({ length: count }, () => 20 / count);
  const divisions = await divideProduct(store, ref, volumes, c.act(t.tech, 2.7));
  const aliquots: Product[] = [];
  let unreleased: Product | undefined;
  for (const [i, d] of divisions.entries()) {
    const which = { din: d.din, product: d.code };
    if (o.keepOneUnreleased && i === divisions.length - 1) {
      unreleased = await findProduct(store.db, which);
      continue;
    }
    await releaseProduct(store, which, PASSWORD, c.act(t.qm, 3 + i * 0.01));
    await reserveForPatient(
      store,
      which,
      mrn,
      "HIE autologous protocol",
      c.act(t.coordinator, 3.1 + i * 0.01),
    );
    aliquots.push(await findProduct(store.db, which));
  }
  return { aliquots, din: product.din, ...(unreleased ? { unreleased } : {}) };
}

export async function registerHieBaby(
  store: Store,
  t: Team,
  c: ReturnType<typeof clock>,
  mrn: string,
  birth: string,
  over: Partial<NewPatient> = {},
) {
  return registerPatient(store, hieBaby(mrn, birth, over), c.act(t.coordinator, 1));
}

/**
 * An HIE baby treated: registered, the cord blood prepared, enrolled (the protocol must be active) and
 * dose 1 given at 6 hours of age. Returns the plan and the infusion.
 */
export async function treatedHieBaby(
  store: Store,
  t: Team,
  c: ReturnType<typeof clock>,
  mrn: string,
  birth: string,
  fin = "G1234",
) {
  const { enrolPatient } = await import("../../src/therapy/plans.js");
  const { orderDose } = await import("../../src/therapy/orders.js");
  const { verifyBedside } = await import("../../src/therapy/bedside.js");
  const { recordInfusion } = await import("../../src/therapy/infusions.js");
  const patient = await registerHieBaby(store, t, c, mrn, birth);
  const { aliquots } = await autologousCordBlood(store, t, c, mrn, { count: 2, fin });
  const a0 = aliquots[0] as Product;
  await treatmentConsent(store, t, mrn, c.at(3.5));
  const plan = await enrolPatient(
    store,
    {
      mrn,
      protocol: "hie-autologous-cord-blood",
    },
    c.act(t.physician, 4),
  );
  const order = await orderDose(
    store,
    { planId: plan.id, doseNumber: 1, din: a0.din, productCode: a0.code },
    c.act(t.physician, 5),
  );
  const check = await verifyBedside(
    store,
    {
      orderId: order.id,
      wristband: mrn,
      din: a0.dinWithCheck,
      productCode: a0.code,
      administeredBy: { username: t.nurse.username, password: PASSWORD },
      verifiedBy: { username: t.nurse2.username, password: PASSWORD },
    },
    c.act(t.nurse, 6),
  );
  const vitals = { heartRate: 140, respiratoryRate: 45, spo2: 97, temperatureC: 33.5 };
  const infusion = await recordInfusion(
    store,
    {
      checkId: check.check.id,
      startedAt: c.iso(6.05),
      endedAt: c.iso(6.2),
      volumeMl: order.drawMl,
      location: "NICU",
      vitalsBefore: vitals,
      vitalsAfter: vitals,
    },
    c.act(t.nurse, 6.3),
  );
  return { patient, plan, infusion };
}

/** The parents' treatment consent, witnessed by the coordinator. */
export async function treatmentConsent(store: Store, t: Team, mrn: string, at: Date) {
  const { recordConsent } = await import("../../src/outcomes/consent.js");
  return recordConsent(
    store,
    {
      mrn,
      scope: "treatment",
      document: "Treatment consent",
      documentVersion: "2",
      signedBy: "Ada Okafor",
      relationship: "mother",
      signedAt: at.toISOString(),
    },
    PASSWORD,
    { user: t.coordinator, at },
  );
}
