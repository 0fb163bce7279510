/** People and products for bank tests: a lab technologist, a quality manager, a coordinator. */
import { type User, createUser } from "../../src/accounts/users.js";
import type { Act } from "../../src/bank/act.js";
import { recordProcessing } from "../../src/bank/processing.js";
import { type Product, registerCollection } from "../../src/bank/products.js";
import { recordQc } from "../../src/bank/qc.js";
import { releaseProduct } from "../../src/bank/release.js";
import type { PatientRegistry } from "../../src/bank/reservations.js";
import type { NewCollection as Checked, QcInput as CheckedQc, Given } from "../../src/bank/schemas.js";
import { addStorageBox, addStorageDevice, addStorageRack } from "../../src/bank/storage-model.js";

/** Inputs as tests give them: fixed-list fields as plain strings, so a test can give a wrong one. */
type NewCollection = Given<Checked>;
type QcInput = Given<CheckedQc>;
import type { Store } from "../../src/store/connect.js";

export const PASSWORD = "correct horse battery";

export interface People {
  tech: User;
  qm: User;
  coordinator: User;
}

export async function people(store: Store): Promise<People> {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    tech: await createUser(
      store,
      { username: "tina", printedName: "Tina Lab", roles: ["lab-technologist"], password: PASSWORD },
      "system",
      at,
    ),
    qm: await createUser(
      store,
      { username: "quinn", printedName: "Quinn Quality", roles: ["quality-manager"], password: PASSWORD },
      "system",
      at,
    ),
    coordinator: await createUser(
      store,
      { username: "cora", printedName: "Cora Coordinator", roles: ["coordinator"], password: PASSWORD },
      "system",
      at,
    ),
  };
}

let clock = Date.parse("2026-03-01T08:00:00Z");
/** The time of the next act. */
export function nextTime(): string {
  return new Date(clock + 60_000).toISOString();
}
/** An act at a time that moves forward a minute per call, so events order as they happen. */
export function act(user: User): Act {
  clock += 60_000;
  return { user, at: new Date(clock) };
}

export function cordCollection(over: Partial<NewCollection> = {}): NewCollection {
  return {
    fin: "G1234",
    source: "cord-blood",
    donorId: "INF-0001",
    motherId: "MOT-0001",
    consentRef: "CONSENT-2026-001",
    collectedAt: "2026-02-27T10:15:00+01:00",
    site: "St Mary Maternity",
    volumeMl: 82,
    productCode: "S1234V00",
    aboRhD: "O+",
    storageTemperature: "cryopreserved",
    ...over,
  };
}

/** The QC results an allogeneic cord unit needs to pass the default release criteria. */
export function passingCordQc(): QcInput[] {
  const t = "2026-02-28T12:00:00Z";
  const markers = ["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((test) => ({
    test,
    stage: "maternal",
    result: "negative",
    testedAt: t,
  }));
  return [
    { test: "tnc", stage: "post-processing", value: 1.2e9, testedAt: t },
    { test: "cd34", stage: "post-processing", value: 4.1e6, testedAt: t },
    { test: "viability", stage: "post-processing", value: 92, testedAt: t },
    { test: "sterility", stage: "post-processing", result: "negative", testedAt: t },
    { test: "abo", stage: "post-processing", result: "O+", testedAt: t },
    ...markers,
  ];
}

export async function recordAll(
  store: Store,
  p: Product,
  results: QcInput[],
  user: User,
  validateHla: (gl: string) => void = () => {},
): Promise<void> {
  for (const q of results) {
    const a = act(user);
    await recordQc(store, { din: p.din, product: p.code }, { ...q, testedAt: a.at.toISOString() }, a, {
      validateHla,
    });
  }
}

export async function registerCord(
  store: Store,
  tech: User,
  over: Partial<NewCollection> = {},
): Promise<Product> {
  return registerCollection(store, cordCollection(over), act(tech));
}

/** A cord unit taken through processing, QC (HLA typed) and a signed release: available to reserve. */
export async function releasedCord(
  store: Store,
  p: People,
  typing: string,
  over: Partial<NewCollection> = {},
): Promise<Product> {
  const unit = await registerCord(store, p.tech, over);
  await recordProcessing(
    store,
    { din: unit.din },
    { step: "cryopreservation", performedAt: nextTime(), complete: true },
    act(p.tech),
  );
  await recordAll(
    store,
    unit,
    [...passingCordQc(), { test: "hla", stage: "post-processing", result: typing, testedAt: nextTime() }],
    p.tech,
  );
  return (await releaseProduct(store, { din: unit.din }, PASSWORD, act(p.qm))).product;
}

/**
 * A patient registry for the bank's own tests, which sit below therapy: it knows exactly these MRNs.
 * Tests of the registered-patient rule itself use therapy's registry (therapy/reservations.int.test.ts).
 */
export function knownPatients(...mrns: string[]): PatientRegistry {
  return { registered: async (_tx, id) => (mrns.includes(id.trim()) ? id.trim() : undefined) };
}
export const TEST_PATIENTS = knownPatients(
  "INF-7",
  "INF-OTHER",
  "INF-AUTO-1",
  "INF-0042",
  "INF-0043",
  "INF-0099",
  "MRN-4242",
);

/** Defines the boxes named "DEVICE/RACK/BOX" (rows A–J, columns 1–10 unless told), each part once. */
export async function defineBoxes(
  store: Store,
  user: User,
  boxes: string[],
  grid: { rows: number; columns: number; layout?: "letter-number" | "numbered" } = { rows: 10, columns: 10 },
  temperature: "cryopreserved" | "refrigerated" | "room" = "cryopreserved",
): Promise<void> {
  const once = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      if ((e as { code?: string }).code !== "STORAGE_EXISTS") throw e;
    }
  };
  for (const b of boxes) {
    const [device, rack, name] = b.split("/") as [string, string, string];
    await once(() => addStorageDevice(store, { name: device, kind: "ln2-tank", temperature }, act(user)));
    await once(() => addStorageRack(store, { device, name: rack }, act(user)));
    await once(() => addStorageBox(store, { device, rack, name, ...grid }, act(user)));
  }
}
