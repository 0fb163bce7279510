/**
 * The demo program loaded on a first start with an empty database, so that every page shows something
 * real: users for each role, a cord blood bank's history (collections over three years taken through
 * processing, QC, release or discard, storage, reservation and shipment, all through the bank service,
 * audited and signed), and a registry of adult donors and cord units for searches.
 *
 * Haplotypes come from CRADLE_FREQUENCIES (a "hap,count,freq" file) when set; otherwise from a synthetic
 * population: 2,000 haplotypes drawn from the release's two-field alleles, 40 per locus, with Zipf
 * frequencies (rank r has weight 1/r). Everything is seeded: the same seed gives the same program.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type User, checkPasswordPolicy, createUser, oneTimePassword } from "../accounts/users.js";
import type { Signer } from "../audit/signatures.js";
import {
  addStorageBox,
  addStorageDevice,
  addStorageRack,
  discardProduct,
  importProductDescriptions,
  parseLocation,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseCheck,
  releaseProductSigned,
  shipProduct,
  storeProduct,
} from "../bank/index.js";
import type { Product } from "../bank/index.js";
import type { HlaEngine } from "../hla/engine.js";
import {
  type Haplotype,
  generateRegistry,
  haplotypeSampler,
  parseHaplotypeFrequencies,
  seededRandom,
} from "../matching/synthetic-registry.js";
import type { CtcaeDictionary } from "../outcomes/index.js";
import { importListings } from "../search/index.js";
import type { Store } from "../store/connect.js";
import { registerPatient, reserveForPatient } from "../therapy/index.js";
import { loadOutcomesDemo } from "./demo-outcomes.js";
import { type TherapyDemo, loadTherapyDemo } from "./demo-therapy.js";
import { markLoadFinished, markLoadStarted } from "./load-marker.js";

export interface DemoOptions {
  store: Store;
  engine: HlaEngine;
  frequenciesFile?: string;
  /** CTCAE v5.0, for the demo's adverse events (none without it). */
  ctcae?: CtcaeDictionary;
  adults: number;
  cords: number;
  /** Bank products (collections). */
  products: number;
  seed: number;
  now: Date;
  /** The demo users' password. */
  password: string;
  log: (message: string) => void;
  /** How far the load is, for a starting server's page: the part under way, done of total. */
  progress?: (part: string, done: number, total: number) => void;
}

export const DEMO_USERS: { username: string; printedName: string; role: User["roles"][number] }[] = [
  { username: "lab", printedName: "Lee Lab (demo)", role: "lab-technologist" },
  { username: "quality", printedName: "Quinn Quality (demo)", role: "quality-manager" },
  { username: "coordinator", printedName: "Cora Coordinator (demo)", role: "coordinator" },
  { username: "physician", printedName: "Dr Pat Physician (demo)", role: "physician" },
  { username: "nurse", printedName: "Nia Nurse (demo)", role: "nurse" },
  // A second nurse: the bedside check is two people, and at most sites both are nurses.
  { username: "nurse2", printedName: "Noor Nurse (demo)", role: "nurse" },
  { username: "auditor", printedName: "Audrey Auditor (demo)", role: "auditor" },
  { username: "researcher", printedName: "Rae Researcher (demo)", role: "researcher" },
];

/** Demo product descriptions: invented codes and words, not ICCBBA's licensed table. */
const DEMO_DESCRIPTIONS = [
  "code,description,class",
  "S9001,DEMO HPC CORD BLOOD | volume reduced | cryopreserved at or below -150 C,HPC CORD BLOOD",
  "S9002,DEMO HPC CORD BLOOD | fresh | volume and red cell reduced,HPC CORD BLOOD",
  "S9003,DEMO HPC MARROW | cryopreserved,HPC MARROW",
  "S9004,DEMO MSC ADIPOSE | culture expanded | cryopreserved,MSC",
].join("\n");

function syntheticHaplotypes(engine: HlaEngine, rand: () => number): Haplotype[] {
  const loci = ["A", "B", "C", "DQB1", "DRB1"];
  const pools = loci.map((locus) =>
    [...engine.release.valid]
      .filter((n) => n.startsWith(`${locus}*`) && /^[A-Z0-9]+\*\d{2}:\d{2}$/.test(n))
      .sort()
      .slice(0, 40),
  );
  const out: Haplotype[] = [];
  for (let r = 1; r <= 2000; r++) {
    const alleles: Record<string, string> = {};
    loci.forEach((locus, i) => {
      const pool = pools[i] as string[];
      alleles[locus] = pool[Math.floor(rand() * pool.length)] as string;
    });
    out.push({ alleles, frequency: 1 / r });
  }
  return out;
}

function loadHaplotypes(o: DemoOptions, rand: () => number): { haplotypes: Haplotype[]; from: string } {
  if (o.frequenciesFile) {
    const raw = readFileSync(o.frequenciesFile);
    const text = o.frequenciesFile.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
    return { haplotypes: parseHaplotypeFrequencies(text, o.frequenciesFile), from: o.frequenciesFile };
  }
  return {
    haplotypes: syntheticHaplotypes(o.engine, rand),
    from: "a synthetic population from the release's alleles",
  };
}

const HOUR = 3600_000;
const ABO: [string, number][] = [
  ["O+", 0.38],
  ["A+", 0.34],
  ["B+", 0.09],
  ["O-", 0.07],
  ["A-", 0.06],
  ["AB+", 0.04],
  ["B-", 0.015],
  ["AB-", 0.005],
];

/**
 * The demo users' one password: CRADLE_DEMO_PASSWORD held to the policy for every demo user (it may name
 * none of them), else a random one that passes for all.
 */
export function demoPassword(given: string | undefined): string {
  const check = (p: string) => {
    for (const u of DEMO_USERS)
      checkPasswordPolicy(p, { username: u.username, field: "CRADLE_DEMO_PASSWORD" });
  };
  if (given !== undefined) {
    check(given);
    return given;
  }
  for (;;) {
    const p = oneTimePassword(DEMO_USERS[0]?.username ?? "demo");
    try {
      check(p);
      return p;
    } catch {
      // drawn again: it contained a demo user's name
    }
  }
}

export async function loadDemo(o: DemoOptions): Promise<{ products: number; adults: number; cords: number }> {
  // Committed before the first record: a load cut short is found at the next start (load-marker.ts).
  await markLoadStarted(o.store, o.now, {
    products: o.products,
    adults: o.adults,
    cords: o.cords,
    seed: o.seed,
  });
  const loaded = await loadPrograms(o);
  await markLoadFinished(o.store, new Date());
  return loaded;
}

async function loadPrograms(o: DemoOptions): Promise<{ products: number; adults: number; cords: number }> {
  const rand = seededRandom(o.seed);
  const users = new Map<string, User>();
  for (const u of DEMO_USERS) {
    users.set(
      u.role,
      await createUser(
        o.store,
        { username: u.username, printedName: u.printedName, roles: [u.role], password: o.password },
        "system",
        o.now,
      ),
    );
  }
  const lab = users.get("lab-technologist") as User;
  const qm = users.get("quality-manager") as User;
  const coord = users.get("coordinator") as User;
  await importProductDescriptions(o.store, DEMO_DESCRIPTIONS, "demo descriptions (invented codes)", {
    user: { ...qm, roles: ["quality-manager"] },
    at: o.now,
  });

  const { haplotypes, from } = loadHaplotypes(o, rand);
  const draw = haplotypeSampler(haplotypes, rand);
  const genotype = () => {
    const [h1, h2] = [draw(), draw()];
    return ["A", "B", "C", "DRB1", "DQB1"].map((l) => `${h1.alleles[l]}+${h2.alleles[l]}`).join("^");
  };
  const weighted = (xs: [string, number][]) => {
    let x = rand();
    for (const [v, w] of xs) {
      x -= w;
      if (x < 0) return v;
    }
    return (xs[0] as [string, number])[0];
  };

  o.log(`demo: ${o.products} bank products over three years`);
  const start = o.now.getTime() - 3 * 365 * 24 * HOUR;
  const listings: Record<string, unknown>[] = [];
  let position = 0;
  // The tanks, racks and boxes are defined as the lab fills them: LN2-01…, ten racks, twenty boxes a rack,
  // each box 10 rows (A–J) by 7 columns. A product is stored only in a defined box's grid.
  const defined = new Set<string>();
  const define = async (key: string, make: () => Promise<unknown>) => {
    if (defined.has(key)) return;
    await make();
    defined.add(key);
  };
  const nextPosition = async (a: { user: User; at: Date }) => {
    const p = position++;
    const [f, r, b, s] = [
      Math.floor(p / 2000) + 1,
      (Math.floor(p / 200) % 10) + 1,
      (Math.floor(p / 10) % 20) + 1,
      p % 10,
    ];
    const [device, rack, box] = [
      `LN2-${String(f).padStart(2, "0")}`,
      `R${String(r).padStart(2, "0")}`,
      `B${String(b).padStart(2, "0")}`,
    ];
    await define(device, () =>
      addStorageDevice(o.store, { name: device, kind: "ln2-tank", temperature: "cryopreserved" }, a),
    );
    await define(`${device}/${rack}`, () => addStorageRack(o.store, { device, name: rack }, a));
    await define(`${device}/${rack}/${box}`, () =>
      addStorageBox(o.store, { device, rack, name: box, rows: 10, columns: 7 }, a),
    );
    return parseLocation(`${device}/${rack}/${box}/${"ABCDEFGHIJ"[s]}${(p % 7) + 1}`);
  };
  // Reservations are for registered patients only: each baby is registered before a unit is held for it.
  const registerInfant = (mrn: string, birth: Date, a: { user: User; at: Date }, autologous: boolean) =>
    registerPatient(
      o.store,
      {
        mrn,
        givenName: "Baby",
        familyName: ["Adler", "Brandt", "Costa", "Dahl", "Evans", "Falk"][mrn.length % 6] as string,
        birth: birth.toISOString(),
        sex: mrn.endsWith("1") || mrn.endsWith("3") ? "female" : "male",
        gestationalWeeks: 39,
        gestationalDays: 0,
        birthWeightGrams: 3300,
        ...(autologous
          ? {
              icd10: "P91.6",
              indication: "neonatal-brain-injury",
              diagnosis: "Hypoxic-ischemic encephalopathy (demo)",
            }
          : {
              icd10: "E75.23",
              indication: "genetic-disorder",
              diagnosis: "Infantile Krabbe disease (demo)",
            }),
      },
      a,
    );
  for (let i = 0; i < o.products; i++) {
    const collected = new Date(start + ((o.now.getTime() - start - 6 * HOUR) * i) / o.products);
    const at = (h: number) => new Date(collected.getTime() + h * HOUR);
    const recent = o.now.getTime() - collected.getTime() < 10 * 24 * HOUR;
    const u = rand();
    const source = u < 0.92 ? "cord-blood" : u < 0.97 ? "bone-marrow" : "adipose-tissue";
    const autologous = source === "cord-blood" && rand() < 0.08;
    const code =
      source === "cord-blood"
        ? autologous
          ? "S90021"
          : "S9001V"
        : source === "bone-marrow"
          ? "S9003D"
          : "S9004V";
    const donor = `DEMO-DONOR-${String(i + 1).padStart(5, "0")}`;
    const abo = weighted(ABO);
    const p: Product = await registerCollection(
      o.store,
      {
        fin: "W9999",
        source,
        donorId: donor,
        motherId: source === "cord-blood" ? `DEMO-MOTHER-${String(i + 1).padStart(5, "0")}` : undefined,
        consentRef: `DEMO-CONSENT-${i + 1}`,
        collectedAt: collected.toISOString(),
        site:
          source === "cord-blood"
            ? (["St Mary Maternity", "City Birth Centre", "Northside Hospital"][i % 3] as string)
            : "Cradle Apheresis Unit",
        volumeMl: Math.round(40 + rand() * 100),
        productCode: `${code}00`,
        aboRhD: abo,
        storageTemperature: autologous ? "room" : "cryopreserved",
        ...(autologous ? { expiresAt: at(72).toISOString() } : {}),
      },
      { user: lab, at: at(1) },
    );
    const ref = { din: p.din };
    // Still in processing: some recent ones, and always the latest (hours old), so every scale shows the state.
    if ((recent && rand() < 0.3) || i === o.products - 1) continue;
    const volumeAfter = Math.round(20 + rand() * 10);
    await recordProcessing(
      o.store,
      ref,
      {
        step: "volume-reduction",
        performedAt: at(3).toISOString(),
        method: "automated (demo)",
        volumeBeforeMl: p.volumeMl,
        volumeAfterMl: volumeAfter,
      },
      { user: lab, at: at(3) },
    );
    await recordProcessing(
      o.store,
      ref,
      {
        step: autologous ? "red-cell-depletion" : "cryopreservation",
        performedAt: at(5).toISOString(),
        complete: true,
      },
      { user: lab, at: at(5) },
    );
    if (!autologous)
      await storeProduct(o.store, ref, await nextPosition({ user: lab, at: at(6) }), {
        user: lab,
        at: at(6),
      });
    const tnc = Math.exp(Math.log(1.1e9) + (rand() - 0.5) * 1.6);
    const typing = genotype();
    const qcAt = at(autologous ? 8 : 48);
    const results: [string, string, number | string][] = [
      ["tnc", "post-processing", Math.round(tnc)],
      ["cd34", "post-processing", Math.round(tnc * (0.002 + rand() * 0.004))],
      ["viability", "post-processing", Math.round(78 + rand() * 20)],
      ["sterility", "post-processing", rand() < 0.02 ? "positive" : "negative"],
      ["abo", "post-processing", abo],
      ["hla", "post-processing", typing],
      ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map(
        (m) =>
          [m, "maternal", rand() < (m === "cmv" ? 0.4 : 0.003) ? "positive" : "negative"] as [
            string,
            string,
            string,
          ],
      ),
    ];
    const pending = recent && rand() < 0.5;
    for (const [test, stage, v] of pending ? results.slice(0, 3) : results) {
      await recordQc(
        o.store,
        ref,
        {
          test,
          stage,
          testedAt: qcAt.toISOString(),
          ...(typeof v === "number" ? { value: v } : { result: v }),
        },
        { user: lab, at: qcAt },
        { validateHla: (gl) => void o.engine.validate(gl) },
      );
    }
    if (pending) continue; // quarantine, awaiting results
    const relAt = at(autologous ? 9 : 24 * 14);
    if (relAt.getTime() > o.now.getTime()) continue;
    const failing = (await releaseCheck(o.store, ref, relAt)).filter((r) => !r.passed);
    if (failing.length > 0) {
      await discardProduct(o.store, ref, `fails release criteria: ${failing.map((f) => f.rule).join(", ")}`, {
        user: lab,
        at: relAt,
      });
      continue;
    }
    const signer: Signer = { username: qm.username, printedName: qm.printedName, authenticatedAt: relAt };
    await releaseProductSigned(o.store, ref, signer, { user: qm, at: relAt });
    const fate = rand();
    if (autologous) {
      await registerInfant(donor, collected, { user: coord, at: at(9.5) }, true);
      await reserveForPatient(o.store, ref, donor, "autologous cord blood, HIE protocol (demo)", {
        user: coord,
        at: at(10),
      });
      continue;
    }
    if (fate < 0.06 && relAt.getTime() < o.now.getTime() - 30 * 24 * HOUR) {
      const patient = `DEMO-PATIENT-${String(i + 1).padStart(5, "0")}`;
      await registerInfant(patient, at(24 * 5), { user: coord, at: at(24 * 19) }, false);
      await reserveForPatient(o.store, ref, patient, "cord search (demo)", { user: coord, at: at(24 * 20) });
      if (fate < 0.03) {
        await shipProduct(
          o.store,
          ref,
          { destination: "Children's Hospital BMT (demo)", courier: "Demo Courier", shipperId: `DS-${i}` },
          { user: lab, at: at(24 * 25) },
        );
        if (fate < 0.015)
          await receiveProduct(
            o.store,
            ref,
            {
              condition: "shipper intact, seals unbroken",
              excursionReason: "logger not returned in the demo",
            },
            { user: coord, at: at(24 * 26) },
          );
      }
      continue;
    }
    if (source === "cord-blood") {
      listings.push({
        kind: "cord",
        id: p.din,
        bank: "CRADLE-DEMO",
        accredited: true,
        collectedAt: collected.toISOString().slice(0, 10),
        volumeMl: volumeAfter,
        tnc: Math.round(tnc),
        cd34: Math.round(tnc * 0.004),
        viabilityPercent: 90,
        abo,
        rbcDepleted: true,
        attachedSegments: 2,
        typing,
      });
    }
    if ((i + 1) % 250 === 0) o.log(`demo: ${i + 1} of ${o.products} products`);
    if ((i + 1) % 10 === 0) o.progress?.("bank products", i + 1, o.products);
  }

  o.log("demo: protocols and patients");
  o.progress?.("protocols, patients and outcomes", 0, 0);
  const therapy: TherapyDemo = {
    store: o.store,
    now: o.now,
    password: o.password,
    users: {
      lab,
      qm,
      coord,
      physician: users.get("physician") as User,
      nurse: users.get("nurse") as User,
    },
    genotype,
    validateHla: (gl) => void o.engine.validate(gl),
  };
  await loadTherapyDemo(therapy);
  const share = o.products / 2500;
  await loadOutcomesDemo(therapy, {
    hie: Math.max(4, Math.round(12 * share)),
    transplants: Math.max(4, Math.round(6 * share)),
    seed: o.seed,
    ...(o.ctcae ? { ctcae: o.ctcae } : {}),
  });

  o.log(`demo: registry of ${o.adults} adult donors and ${o.cords} cord units from ${from}`);
  async function* records() {
    let line = 0;
    for (const l of listings) yield { line: ++line, record: l };
    for (const l of generateRegistry({
      haplotypes,
      engine: o.engine,
      adults: o.adults,
      cords: o.cords,
      seed: o.seed,
      asOf: o.now.toISOString().slice(0, 10),
    })) {
      yield { line: ++line, record: l as unknown as Record<string, unknown> };
    }
  }
  const imported = await importListings(o.store, o.engine, records(), {
    onProgress: (n) => {
      if (n % 50_000 === 0) o.log(`demo: ${n} listings`);
      if (n % 1000 === 0) o.progress?.("registry listings", n, listings.length + o.adults + o.cords);
    },
  });
  if (imported.rejected.length > 0)
    o.log(
      `demo: ${imported.rejected.length} generated listings refused, e.g. ${JSON.stringify(imported.rejected[0])}`,
    );
  return { products: o.products, adults: imported.imported.adult, cords: imported.imported.cord };
}
