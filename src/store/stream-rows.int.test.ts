/**
 * Streaming rows out of a SQLite file while the program writes: a stream longer than one chunk (50,000
 * rows) stays open between its chunks, and SQLite refuses a write on a connection whose statement is open
 * ("connection is busy"). The stream reads through a read-only connection of its own, so a write between
 * chunks goes through, and the stream reads the snapshot it started with.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adultRecord } from "../../test/support/listings.js";
import { openStore } from "./connect.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (i: number) => {
  const { kind: _k, ...r } = adultRecord(`S${String(i).padStart(6, "0")}`);
  return r;
};

describe("streamRows on a SQLite file", () => {
  it("lets the program write between a long stream's chunks, and reads the stream's own snapshot", async () => {
    const store = await openStore(`sqlite://${join(dir, "s.db")}`);
    try {
      const rows = Array.from({ length: 60_000 }, (_, i) => row(i));
      await store.db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += 1000)
          await tx
            .insertInto("adultDonor")
            .values(rows.slice(i, i + 1000) as never)
            .execute();
      });
      let streamed = 0;
      let chunks = 0;
      for await (const chunk of store.streamRows("select id from adult_donor order by id")) {
        streamed += chunk.length;
        chunks++;
        // A write while the stream is open (after its first chunk of 50,000).
        await store.db
          .insertInto("adultDonor")
          .values(row(100_000 + chunks) as never)
          .execute();
      }
      expect(chunks).toBe(2);
      expect(streamed).toBe(60_000);
      const all = await store.db
        .selectFrom("adultDonor")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(all.n)).toBe(60_002);
    } finally {
      await store.close();
    }
  });
});
