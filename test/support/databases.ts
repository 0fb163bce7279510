/**
 * The databases a store test runs on: SQLite always, PostgreSQL when CRADLE_TEST_POSTGRES_URL names a
 * server whose role may create databases (CI starts one with .ci/postgres.sh). Each test file gets fresh
 * databases of its own.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Store, openStore } from "../../src/store/connect.js";

export interface TestDatabase {
  name: "sqlite" | "postgres";
  url: string;
  drop(): Promise<void>;
}

const PG_ADMIN = process.env.CRADLE_TEST_POSTGRES_URL;

/** True when the PostgreSQL half of the suite runs; in CI it must. */
export const POSTGRES_AVAILABLE = PG_ADMIN !== undefined && PG_ADMIN !== "";
if (!POSTGRES_AVAILABLE && process.env.CI) {
  throw new Error(
    "CI must run the store tests on PostgreSQL: set CRADLE_TEST_POSTGRES_URL (see .ci/postgres.sh)",
  );
}

export async function createTestDatabase(name: "sqlite" | "postgres"): Promise<TestDatabase> {
  if (name === "sqlite") return { name, url: "sqlite://:memory:", drop: async () => {} };
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  const db = `cradle_test_${randomBytes(6).toString("hex")}`;
  await admin.query(`create database ${db}`);
  await admin.end();
  const url = new URL(PG_ADMIN as string);
  url.pathname = `/${db}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}

/** The dialects to run a store suite on here. */
export const DIALECTS: ("sqlite" | "postgres")[] = POSTGRES_AVAILABLE ? ["sqlite", "postgres"] : ["sqlite"];

/**
 * A fresh store on one dialect for the enclosing describe block: opened before its tests, closed and its
 * database dropped after. Call the returned function inside a test to get the store.
 */
export function useStore(dialect: "sqlite" | "postgres"): () => Store {
  let t: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    store = await openStore(t.url);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });
  return () => {
    if (!store) throw new Error("the store is opened in beforeAll");
    return store;
  };
}
