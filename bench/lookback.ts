/**
 * Look-back time (issue 18 part 2) at 100,000 products: 50,000 collections, half of them divided in two
 * (the parent and two divisions), each stored in a box position, one in ten shipped and one in twenty
 * reserved; every collection's processing used a cryoprotectant lot (of 200), a bag-set lot (of 100) and a
 * centrifuge (of 20). The rows are written directly (the services would take hours for this many), then the
 * bank's own `lookback` runs from 50 lots and from 50 mothers, after 5 warm-up calls. SQLite always;
 * PostgreSQL when CRADLE_BENCH_POSTGRES_URL or CRADLE_TEST_POSTGRES_URL names a server whose role may create
 * databases. Prints p50/p95 and the products found per look-back.
 *
 *   npm run bench:lookback            100,000 products
 *   npm run bench:lookback -- 20000   another count
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { lookback } from "../src/bank/index.js";
import { type Store, openStore } from "../src/store/connect.js";
import type { Database } from "../src/store/schema.js";

const target = Number(process.argv[2] ?? 100_000);
const pgAdmin = process.env.CRADLE_BENCH_POSTGRES_URL ?? process.env.CRADLE_TEST_POSTGRES_URL;
const dir = mkdtempSync(join(tmpdir(), "cradle-bench-lookback-"));

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cradle_bench_${randomBytes(5).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(pgAdmin as string);
  u.pathname = `/${name}`;
  const drop = async () => {
    for (let i = 0; ; i++) {
      try {
        return await admin(`drop database if exists ${name}`);
      } catch (e) {
        if (i === 10) throw e;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  return { url: u.toString(), drop };
}

async function insert<T extends keyof Database>(store: Store, table: T, rows: Database[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await store.db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
  }
}

const AT = "2026-06-01T10:00:00.000Z";
const uuid = () => crypto.randomUUID();

async function load(store: Store): Promise<{ lots: string[]; mothers: string[]; products: number }> {
  const collections = Math.round(target / 2);
  const lots: Database["materialLot"][] = [];
  for (let i = 0; i < 300; i++) {
    lots.push({
      id: uuid(),
      kind: i < 200 ? "cryoprotectant" : "bag-set",
      material: i < 200 ? "DMSO 55% / Dextran 40 5%" : "CPD cord blood bag set",
      supplier: "Bench Supplies",
      lotNumber: `L-${i}`,
      expiresOn: "2027-12-31",
      receivedAt: AT,
      receivedBy: "bench",
      acceptance: "accepted",
      decidedAt: AT,
      decidedBy: "bench",
      decisionReason: "bench",
    });
  }
  await insert(store, "materialLot", lots);
  const equipment: Database["equipment"][] = Array.from({ length: 20 }, (_, i) => ({
    id: uuid(),
    assetId: `CENT-${i}`,
    kind: "centrifuge",
    model: "Sepax 2",
    serial: `S-${i}`,
    storageDeviceId: null,
    calibrationDue: "2027-12-31",
    maintenanceDue: "2027-12-31",
    createdAt: AT,
    createdBy: "bench",
  }));
  await insert(store, "equipment", equipment);
  const device = uuid();
  await insert(store, "storageDevice", [
    {
      id: device,
      name: "LN2-BENCH",
      kind: "ln2-tank",
      temperature: "cryopreserved",
      createdAt: AT,
      createdBy: "bench",
    },
  ]);
  const racks: Database["storageRack"][] = [];
  const boxes: Database["storageBox"][] = [];
  const boxCount = Math.ceil(target / 81) + 1;
  for (let b = 0; b < boxCount; b++) {
    if (b % 25 === 0)
      racks.push({ id: uuid(), deviceId: device, name: `R${b / 25}`, createdAt: AT, createdBy: "bench" });
    const rack = racks.at(-1) as Database["storageRack"];
    boxes.push({
      id: uuid(),
      rackId: rack.id,
      name: `B${b}`,
      gridRows: 9,
      gridColumns: 9,
      layout: "numbered",
      createdAt: AT,
      createdBy: "bench",
    });
  }
  await insert(store, "storageRack", racks);
  await insert(store, "storageBox", boxes);
  let slot = 0;
  const place = (productId: string): Database["storagePlacement"] => {
    const box = boxes[Math.floor(slot / 81)] as Database["storageBox"];
    const rack = racks.find((r) => r.id === box.rackId) as Database["storageRack"];
    const position = String((slot % 81) + 1);
    slot++;
    return {
      productId,
      boxId: box.id,
      freezer: "LN2-BENCH",
      rack: rack.name,
      box: box.name,
      position,
      positionKey: `LN2-BENCH/${rack.name}/${box.name}/${position}`,
      storedAt: AT,
      storedBy: "bench",
    };
  };
  const mothers: string[] = [];
  const BATCH = 2000;
  let products = 0;
  for (let start = 0; start < collections; start += BATCH) {
    const cs: Database["collection"][] = [];
    const ps: Database["product"][] = [];
    const uses: Database["materialUse"][] = [];
    const places: Database["storagePlacement"][] = [];
    const ships: Database["shipment"][] = [];
    const reservations: Database["reservation"][] = [];
    for (let i = start; i < Math.min(collections, start + BATCH); i++) {
      const din = `B9999${String(26).padStart(2, "0")}${String(i).padStart(6, "0")}`;
      const mother = `MOT-${i}`;
      if (i % 1000 === 7) mothers.push(mother);
      cs.push({
        din,
        source: "cord-blood",
        donorId: `INF-${i}`,
        motherId: mother,
        consentRef: "C",
        collectedAt: AT,
        site: "Bench Maternity",
        volumeMl: 80,
        registeredBy: "bench",
        registeredAt: AT,
      });
      const divided = i % 2 === 0;
      const parent = `${din}-S1234V00`;
      const base = {
        din,
        productCode: "S1234",
        collectionType: "V",
        aboRhd: "O+",
        expiresAt: null,
        storageTemperature: "cryopreserved",
        recipientId: null,
        createdAt: AT,
        updatedAt: AT,
      };
      ps.push({
        ...base,
        id: parent,
        division: "00",
        parentId: null,
        status: divided ? "divided" : "available",
        volumeMl: 80,
      });
      const live = divided ? [`${din}-S1234VA0`, `${din}-S1234VB0`] : [parent];
      if (divided) {
        for (const [k, id] of live.entries()) {
          ps.push({
            ...base,
            id,
            division: k === 0 ? "A0" : "B0",
            parentId: parent,
            status: "available",
            volumeMl: 40,
          });
        }
      }
      for (const id of live) {
        const n = products + ps.length;
        const row = ps.find((p) => p.id === id) as Database["product"];
        if (n % 10 === 3) {
          row.status = "shipped";
          ships.push({
            id: uuid(),
            productId: id,
            destination: `Centre ${n % 40}`,
            courier: "MedEx",
            shipperId: "DS-1",
            shippedAt: AT,
            shippedBy: "bench",
            maxCelsius: -150,
            minCelsius: null,
            receivedAt: null,
            receivedBy: null,
            condition: null,
            excursionReason: null,
          });
        } else {
          places.push(place(id));
          if (n % 20 === 5) {
            row.status = "reserved";
            reservations.push({
              id: uuid(),
              productId: id,
              patientId: `MRN-${n}`,
              state: "active",
              reservedAt: AT,
              reservedBy: "cora",
              reason: "bench",
              endedAt: null,
              endedBy: null,
              endReason: null,
            });
          }
        }
      }
      const step = uuid();
      for (const [lot, eq] of [
        [lots[i % 200] as Database["materialLot"], null],
        [lots[200 + (i % 100)] as Database["materialLot"], null],
        [null, equipment[i % 20] as Database["equipment"]],
      ] as const) {
        uses.push({
          id: uuid(),
          productId: parent,
          din,
          recordKind: "processing",
          recordId: step,
          lotId: lot?.id ?? null,
          equipmentId: eq?.id ?? null,
          usedAt: AT,
        });
      }
    }
    products += ps.length;
    await insert(store, "collection", cs);
    await insert(store, "product", ps);
    await insert(store, "materialUse", uses);
    await insert(store, "storagePlacement", places);
    // Each placement's stay, as storing writes it (alarms and storage look-backs read these).
    await insert(
      store,
      "storageStay",
      places.map(({ boxId: _, positionKey: __, storedAt, ...p }) => ({
        id: uuid(),
        ...p,
        deviceId: device,
        fromAt: storedAt,
        toAt: null,
      })),
    );
    await insert(store, "shipment", ships);
    await insert(store, "reservation", reservations);
  }
  return { lots: lots.slice(0, 50).map((l) => l.id), mothers: mothers.slice(0, 50), products };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function measure(dialect: "sqlite" | "postgres"): Promise<string[][]> {
  const d =
    dialect === "sqlite"
      ? { url: `sqlite://${join(dir, "lookback.db")}`, drop: async () => {} }
      : await pgDatabase();
  const store = await openStore(d.url);
  try {
    const t0 = performance.now();
    const { lots, mothers, products } = await load(store);
    const loadS = ((performance.now() - t0) / 1000).toFixed(0);
    if (dialect === "postgres") await sql`analyze`.execute(store.db);
    const rows: string[][] = [];
    for (const [origin, refs] of [
      ["lot", lots],
      ["donor", mothers],
    ] as const) {
      for (let w = 0; w < 5; w++) await lookback(store.db, { origin, ref: refs[w] as string });
      const times: number[] = [];
      let found = 0;
      for (const ref of refs) {
        const t = performance.now();
        const r = await lookback(store.db, { origin, ref });
        times.push(performance.now() - t);
        found += r.products.length;
      }
      rows.push([
        dialect,
        `${products.toLocaleString("en")} (loaded in ${loadS} s)`,
        origin === "lot" ? "a cryoprotectant lot" : "a mother",
        String(Math.round(found / refs.length)),
        ms(pct(times, 50)),
        ms(pct(times, 95)),
        ms(Math.max(...times)),
      ]);
    }
    return rows;
  } finally {
    await store.close();
    await d.drop();
  }
}

const header = ["dialect", "products", "look-back from", "products found (mean)", "p50", "p95", "max"];
console.log(
  `look-back at ${target.toLocaleString("en")} products (${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.versions.node})\n`,
);
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map(() => "---").join("|")}|`);
for (const r of await measure("sqlite")) console.log(`| ${r.join(" | ")} |`);
if (pgAdmin) for (const r of await measure("postgres")) console.log(`| ${r.join(" | ")} |`);
rmSync(dir, { recursive: true, force: true });
if (!pgAdmin) console.log("\n(PostgreSQL not measured: set CRADLE_BENCH_POSTGRES_URL)");
