import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isCradleError } from "../errors.js";
import { VARIABLES, markdownTable, readConfig, settings } from "./index.js";

const REPO = join(import.meta.dirname, "..", "..");

/** The refusal of an environment, as the CLI prints it. */
function refusal(env: Record<string, string>): { message: string; details: Record<string, unknown> } {
  try {
    readConfig(env);
  } catch (e) {
    if (isCradleError(e) && e.code === "INVALID_INPUT") return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("configuration", () => {
  it("gives every default when nothing is set, frozen", () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      databaseUrl: "sqlite://./data/cradle.db",
      port: 3000,
      host: "localhost",
      logLevel: "warn",
      demo: true,
      demoScale: 1,
      infusionTolerancePercent: 10,
      exportKey: undefined,
      hlaDir: undefined,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("reads typed values", () => {
    const c = readConfig({
      PORT: "8080",
      CRADLE_DEMO: "0",
      CRADLE_DEMO_SCALE: "0.05",
      LOG_LEVEL: "info",
      CRADLE_DATABASE_URL: "postgres://cradle:secret@db.example:5432/cradle",
      CRADLE_HLA_DIR: REPO,
      CRADLE_EXPORT_KEY: "sixteen chars ok",
      CRADLE_INFUSION_TOLERANCE_PERCENT: "2.5",
    });
    expect(c.infusionTolerancePercent).toBe(2.5);
    expect(c).toMatchObject({ port: 8080, demo: false, demoScale: 0.05, logLevel: "info", hlaDir: REPO });
  });

  it.each([
    [{ PORT: "80a" }, 'PORT "80a" must be a whole number'],
    [{ PORT: "70000" }, 'PORT "70000" is above the maximum 65535'],
    [{ PORT: "0" }, 'PORT "0" is below the minimum 1'],
    [{ CRADLE_DEMO: "no" }, 'CRADLE_DEMO "no" is not one of: 0, 1'],
    [{ CRADLE_DEMO_SCALE: "Infinity" }, 'CRADLE_DEMO_SCALE "Infinity" must be a finite number'],
    [{ CRADLE_DEMO_SCALE: "0" }, 'CRADLE_DEMO_SCALE "0" must be above 0'],
    [{ LOG_LEVEL: "loud" }, 'LOG_LEVEL "loud" is not one of: fatal, error, warn, info, debug, trace, silent'],
    [{ CRADLE_DATABASE_URL: "mysql://x" }, 'CRADLE_DATABASE_URL "mysql://x" is neither sqlite://PATH'],
    [{ CRADLE_DATABASE_URL: "sqlite://" }, "has no file path"],
    [{ CRADLE_HLA_DIR: "/no/such/dir" }, 'CRADLE_HLA_DIR "/no/such/dir" does not exist'],
    [{ CRADLE_MAC_FILE: REPO }, "is not a file"],
    [{ HOST: "local host" }, 'HOST "local host" is not a host name or IP address'],
    [{ CRADLE_USER: "" }, 'CRADLE_USER "" is set but empty'],
    [
      { CRADLE_INFUSION_TOLERANCE_PERCENT: "30" },
      'CRADLE_INFUSION_TOLERANCE_PERCENT "30" is above the maximum 25',
    ],
    [{ CRADLE_INFUSION_TOLERANCE_PERCENT: "-1" }, "CRADLE_INFUSION_TOLERANCE_PERCENT"],
    [{ CRADLE_INFUSION_TOLERANCE_PERCENT: "10%" }, "must be a"],
    [{ CRADLE_USER: "ada\u0000" }, "contains a control character or a text-direction override"],
  ])("refuses %j naming the variable, the value and the reason", (env, expected) => {
    const r = refusal(env);
    expect(r.message).toContain(expected);
    expect(r.details.field).toBe(Object.keys(env)[0]);
  });

  it("never prints a secret, nor a database password", () => {
    const key = refusal({ CRADLE_EXPORT_KEY: "short secret" });
    expect(key.message).toBe('CRADLE_EXPORT_KEY "(hidden, 12 characters)" is shorter than 16 characters');
    expect(JSON.stringify(key.details)).not.toContain("short secret");
    const url = refusal({ CRADLE_DATABASE_URL: "postgres://cradle:hunter2@db.example:5432/" });
    expect(url.message).toContain("postgres://cradle:***@db.example:5432/");
    expect(url.message).not.toContain("hunter2");
    const all = settings({
      CRADLE_PASSWORD: "hunter2 hunter2",
      CRADLE_DATABASE_URL: "postgres://a:hunter2@h/d",
    });
    expect(JSON.stringify(all)).not.toContain("hunter2");
  });

  it("names every refused variable at once", () => {
    const r = refusal({ PORT: "x", CRADLE_DEMO: "yes" });
    expect(r.message).toContain("PORT");
    expect(r.message).toContain("CRADLE_DEMO");
    expect(r.details.refused).toHaveLength(2);
  });

  it("lists every variable with its value, origin, default and meaning", () => {
    const rows = settings({ PORT: "8080", CRADLE_DEMO: "maybe" });
    expect(rows.map((r) => r.name)).toEqual(Object.values(VARIABLES).map((v) => v.name));
    expect(rows.find((r) => r.name === "PORT")).toMatchObject({ value: "8080", from: "environment" });
    expect(rows.find((r) => r.name === "HOST")).toMatchObject({ value: "localhost", from: "default" });
    expect(rows.find((r) => r.name === "CRADLE_HLA_DIR")).toMatchObject({ value: undefined, from: "unset" });
    expect(rows.find((r) => r.name === "CRADLE_DEMO")?.refused).toBe("is not one of: 0, 1");
  });

  it("every default passes its own check", () => {
    for (const v of Object.values(VARIABLES))
      if (v.default !== undefined) expect(() => readConfig({ [v.name]: v.default })).not.toThrow();
  });

  it("the README's table is the declarations' (regenerate with `cradle config --markdown`)", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const m = /<!-- config:start[^>]*-->\n([\s\S]*?)\n<!-- config:end -->/.exec(readme);
    expect(m?.[1]).toBe(markdownTable());
  });

  it("every environment variable read under src/ is declared", () => {
    const declared = new Set(Object.values(VARIABLES).map((v) => v.name));
    const read = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f.name) && !/\.test\.tsx?$/.test(f.name))
          for (const m of readFileSync(p, "utf8").matchAll(/process\.env\.([A-Z_]+)/g))
            read.add(m[1] as string);
      }
    };
    walk(join(REPO, "src"));
    // The system's own variables are not settings of Cradle's: PATH finds pg_dump, as it finds any tool.
    const SYSTEM = new Set(["PATH"]);
    expect([...read].filter((n) => !declared.has(n) && !SYSTEM.has(n))).toEqual([]);
  });
});
