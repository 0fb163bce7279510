/** The store on every dialect: opening, migrations, URLs. */
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { CradleError } from "../errors.js";
import { migrate, parseDatabaseUrl } from "./connect.js";

describe("database URLs", () => {
  it("reads sqlite and postgres URLs and refuses others, naming the variable", () => {
    expect(parseDatabaseUrl("sqlite://./data/x.db")).toEqual({ dialect: "sqlite", target: "./data/x.db" });
    expect(parseDatabaseUrl("postgresql://u@h/db").dialect).toBe("postgres");
    expect(() => parseDatabaseUrl("mysql://h/db")).toThrow(CradleError);
    expect(() => parseDatabaseUrl("sqlite://")).toThrow(/CRADLE_DATABASE_URL|no file path/);
  });
});

describe.each(DIALECTS)("store on %s", (dialect) => {
  const use = useStore(dialect);

  it("runs the numbered migrations once", async () => {
    expect(use().dialect).toBe(dialect);
    expect(await migrate(use().db)).toEqual([]); // already applied by openStore
    const row = await use()
      .db.selectFrom("adultDonor")
      .select((e) => e.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(row?.n)).toBe(0);
  });

  it("enforces the schema's checks in the database itself", async () => {
    const bad = use()
      .db.insertInto("adultDonor")
      .values({
        id: "X1",
        registry: "R",
        sex: "Q",
        birthDate: "2000-01-01",
        cmv: "negative",
        abo: "O+",
        typing: "A*01:01",
      })
      .execute();
    await expect(bad).rejects.toThrow();
    const n = await use().db.selectFrom("adultDonor").select("id").execute();
    expect(n).toEqual([]);
  });

  it("streams the rows of a query as arrays, in pages", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      id: `S${String(i).padStart(3, "0")}`,
      registry: "R",
      sex: "F",
      birthDate: "2000-01-01",
      cmv: "negative",
      abo: "O+",
      typing: "A*01:01+A*01:01",
    }));
    await use().db.insertInto("adultDonor").values(rows).execute();
    const seen: unknown[][] = [];
    for await (const page of use().streamRows("select id, sex from adult_donor order by id"))
      seen.push(...page);
    expect(seen).toHaveLength(120);
    expect(seen[0]).toEqual(["S000", "F"]);
    expect(seen[119]).toEqual(["S119", "F"]);
  });
});
