/**
 * `cradle user totp`: enrol (the URI printed once, the QR code written to a file), confirm with a first
 * code (ten recovery codes printed once), then a sign-in asks the code (CRADLE_TOTP_CODE); a wrong one is
 * refused like a wrong password.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { cradle } from "../../test/support/cli.js";
import { totpOf } from "../accounts/totp.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-totp-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "totp.db")}` };
const AS_TESS = { ...ENV, CRADLE_USER: "tess", CRADLE_PASSWORD: PASSWORD };
const run = (args: string[], env: Record<string, string>) => cradle(args, undefined, undefined, env);

describe("cradle user totp", () => {
  it("enrols, confirms with a first code, then signs in with a recovery code and refuses a wrong code", async () => {
    const added = await run(["user", "add", "tess", "--name", "Tess Quality", "--roles", "quality-manager"], {
      ...ENV,
      CRADLE_NEW_PASSWORD: PASSWORD,
    });
    expect(added.code, added.err).toBe(0);
    const qr = join(dir, "tess.svg");
    const enrol = await run(["user", "totp", "enrol", "--qr", qr], AS_TESS);
    expect(enrol.code, enrol.err).toBe(0);
    const secret = /secret ([A-Z2-7]+)/.exec(enrol.out)?.[1] as string;
    expect(enrol.out).toContain("otpauth://totp/Cradle:tess?");
    expect(readFileSync(qr, "utf8")).toMatch(/^<svg/);
    const bad = await run(["user", "totp", "confirm", "--code", "12345"], AS_TESS);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("code: does not match the authenticator");
    const code = totpOf(secret, "tess").generate({ timestamp: Date.now() });
    const confirmed = await run(["user", "totp", "confirm", "--code", code], AS_TESS);
    expect(confirmed.code, confirmed.err).toBe(0);
    const recovery = confirmed.out.match(/[a-z2-9]{5}-[a-z2-9]{5}/g) ?? [];
    expect(recovery).toHaveLength(10);
    const status = await run(["user", "totp", "status"], {
      ...AS_TESS,
      CRADLE_TOTP_CODE: recovery[0] as string,
    });
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain("tess: active, 9 recovery codes left");
    const wrong = await run(["user", "totp", "status"], {
      ...AS_TESS,
      CRADLE_TOTP_CODE: recovery[0] as string,
    });
    expect(wrong.err).toContain("AUTH_FAILED");
  });
});
