/**
 * The index follows listings written by another process: two stores on one database (as a server and a
 * `cradle registry import`, or two servers on PostgreSQL), a write in one searched in the other's index
 * within the follower's interval; a deleted listing leaves it; a failed poll is logged and retried.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase, createTestDatabase } from "../../test/support/databases.js";
import { adultRecord, cordRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import type { SearchIndex } from "../matching/search-index.js";
import { type Store, openStore } from "../store/connect.js";
import { importListings } from "./listings.js";
import {
  IndexFollower,
  deleteAndUnindex,
  indexHead,
  loadIndex,
  saveAndIndex,
  searchListings,
} from "./search-service.js";
import { ndjsonRecords } from "./sources.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

const PATIENT = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
const OTHER = "A*03:01+A*11:01^B*35:01+B*44:02^DRB1*04:01+DRB1*11:01";
const INTERVAL = 100;

/** Waits until `ok` holds, looking every 20 ms, for at most `ms`. */
async function within(ms: number, ok: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await ok()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(DIALECTS)("an index following another process's writes on %s", (dialect) => {
  let t: TestDatabase;
  let dir = "";
  let server: Store;
  let other: Store;
  let index: SearchIndex;
  let follower: IndexFollower;
  const logged: string[] = [];

  beforeAll(async () => {
    if (dialect === "sqlite") {
      dir = mkdtempSync(join(tmpdir(), "cradle-follow-"));
      t = { name: "sqlite", url: `sqlite://${join(dir, "cradle.db")}`, drop: async () => {} };
    } else t = await createTestDatabase("postgres");
    server = await openStore(t.url);
    other = await openStore(t.url);
    const fromSeq = await indexHead(server);
    index = await loadIndex(server, hla);
    follower = new IndexFollower(server, index, {
      fromSeq,
      intervalMs: INTERVAL,
      log: (m) => logged.push(m),
    }).start();
  });
  afterAll(async () => {
    await follower?.stop();
    await server?.close();
    await other?.close();
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const hits = async (kind: "adult" | "cord") =>
    (
      await searchListings(
        server,
        index,
        {
          patientTyping: PATIENT,
          kind,
          maxMismatches: 0,
          ...(kind === "cord" ? { weightGrams: 9000, diagnosis: "nonmalignant" } : {}),
        },
        { now: new Date() },
      )
    ).hits.map((h) => h.id);

  it("searches a listing imported by another process, within the interval", async () => {
    expect(await hits("adult")).toEqual([]);
    const lines = [
      JSON.stringify(adultRecord("IMP1", { typing: PATIENT })),
      JSON.stringify(cordRecord("IMPC1", { typing: PATIENT })),
    ];
    const r = await importListings(other, hla, ndjsonRecords(Readable.from([`${lines.join("\n")}\n`])));
    expect(r.imported).toEqual({ adult: 1, cord: 1 });
    expect(await within(10 * INTERVAL, async () => (await hits("adult")).includes("IMP1"))).toBe(true);
    expect(await hits("cord")).toEqual(["IMPC1"]);
  });

  it("follows a listing replaced and then deleted by another process", async () => {
    // The other process's own index is its business; the server's index learns from the database.
    const theirs = await loadIndex(other, hla);
    await saveAndIndex(other, theirs, adultRecord("IMP1", { typing: OTHER }));
    expect(await within(10 * INTERVAL, async () => !(await hits("adult")).includes("IMP1"))).toBe(true);
    expect(index.count("adult")).toBe(1);
    await saveAndIndex(other, theirs, adultRecord("IMP1", { typing: PATIENT }));
    expect(await within(10 * INTERVAL, async () => (await hits("adult")).includes("IMP1"))).toBe(true);
    expect(await deleteAndUnindex(other, theirs, "adult", "IMP1")).toBe(true);
    expect(await within(10 * INTERVAL, async () => index.count("adult") === 0)).toBe(true);
    expect(await hits("adult")).toEqual([]);
  });

  it("logs a failed poll, keeps the index and the server, and catches up at the next one", async () => {
    const broken = await openStore(t.url);
    const lost = new IndexFollower(broken, index, {
      fromSeq: follower.at,
      intervalMs: INTERVAL,
      log: (m) => logged.push(m),
    });
    await broken.close();
    const before = logged.length;
    await lost.poll(); // resolves: the failure is logged, not thrown
    expect(logged.length).toBe(before + 1);
    expect(logged[before]).toMatch(/reading listing changes failed, trying again/);
    expect(lost.at).toBe(follower.at);
    // The server's own follower, unharmed, still follows.
    await saveAndIndex(other, await loadIndex(other, hla), adultRecord("IMP2", { typing: PATIENT }));
    expect(await within(10 * INTERVAL, async () => (await hits("adult")).includes("IMP2"))).toBe(true);
  });

  it("counts every write once: an import of many rows moves the head by as many", async () => {
    const head = await indexHead(other);
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify(adultRecord(`BULK${i}`, { typing: OTHER })),
    );
    const r = await importListings(other, hla, ndjsonRecords(Readable.from([`${lines.join("\n")}\n`])));
    expect(r.imported.adult).toBe(1200);
    expect(await indexHead(other)).toBe(head + 1200);
    expect(await within(20 * INTERVAL, async () => index.count("adult") === 1201)).toBe(true);
  });
});
