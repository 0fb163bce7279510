/** `cradle config` and the settings check at start, as a user meets them: the built bin, exit status 2. */
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";

describe("cradle config", () => {
  it("lists every variable with its value in force, secrets masked", async () => {
    const r = await cradle(["config", "--json"], undefined, undefined, {
      PORT: "8081",
      CRADLE_PASSWORD: "a very secret password",
    });
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as { name: string; value?: string; from: string }[];
    expect(rows.find((x) => x.name === "PORT")).toMatchObject({ value: "8081", from: "environment" });
    expect(rows.find((x) => x.name === "CRADLE_PASSWORD")?.value).toBe("(hidden, 22 characters)");
    expect(r.out).not.toContain("a very secret password");
  });

  it("marks a refused value and exits 2", async () => {
    const r = await cradle(["config"], undefined, undefined, { CRADLE_DEMO_SCALE: "lots" });
    expect(r.code).toBe(2);
    expect(r.out).toContain("REFUSED: must be a finite number");
  });

  it("a wrong value stops `cradle serve` before it opens anything, naming the variable", async () => {
    const r = await cradle(["serve"], undefined, undefined, {
      CRADLE_DATABASE_URL: "sqlite://:memory:",
      PORT: "eighty",
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'cradle: INVALID_INPUT: PORT "eighty" must be a whole number (`cradle config` lists every setting)',
    );
    expect(r.out).not.toContain("database");
  });

  it("holds --port to the same rule", async () => {
    const r = await cradle(["serve", "--port", "99999"], undefined, undefined, {
      CRADLE_DATABASE_URL: "sqlite://:memory:",
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--port "99999" is above the maximum 65535');
  });
});
