/**
 * The password policy against NIST SP 800-63B-4 §3.1.1.2: 15 characters as the only factor, 8 with a
 * second factor, at least 64 accepted, any characters (counted as Unicode code points after NFKC), the
 * blocklist compared case-insensitively, not the user name, no composition rule; settings below NIST's
 * minimum refused.
 */
import { scryptSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "../config/index.js";
import { CradleError } from "../errors.js";
import { checkPasswordPolicy, isBlocklisted, oneTimePassword, passwordRefusal } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";

const who = { username: "ada" };
const withTotp = { username: "ada", secondFactor: true };

function refusal(f: () => unknown): CradleError {
  try {
    f();
  } catch (e) {
    if (e instanceof CradleError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("password policy (NIST SP 800-63B-4)", () => {
  it("asks 15 characters when the password is the only factor: 14 refused, 15 accepted", () => {
    expect("violet harbour").toHaveLength(14);
    expect(passwordRefusal("violet harbour", who)).toMatch(/14 characters, at least 15/);
    expect(passwordRefusal("violet harbours", who)).toBeUndefined();
  });

  it("asks 8 with a second factor: 7 refused, 8 accepted", () => {
    expect(passwordRefusal("kq7#vLm", withTotp)).toMatch(/7 characters, at least 8/);
    expect(passwordRefusal("kq7#vLmz", withTotp)).toBeUndefined();
    expect(passwordRefusal("kq7#vLmz", who)).toMatch(/at least 15/);
  });

  it("accepts 64 and 256 characters of any kind, spaces and Unicode; refuses 257", () => {
    const sixtyFour = "Ünïcødé 🐴 and spaces, and punctuation: «€» ; 日本語のパスフレーズ, end!!!!";
    expect([...sixtyFour.normalize("NFKC")].length).toBe(64);
    expect(passwordRefusal(sixtyFour, who)).toBeUndefined();
    expect(passwordRefusal(`${"x7 ".repeat(85)}z`, who)).toBeUndefined(); // 256
    expect(passwordRefusal(`${"x7 ".repeat(85)}zz`, who)).toMatch(/257 characters, at most 256/);
  });

  it("counts characters as code points: 14 horses (28 UTF-16 units) are 14 characters", () => {
    expect(passwordRefusal("🐴".repeat(14), who)).toMatch(/^password is 14 characters/);
    expect(passwordRefusal("🐴".repeat(15), who)).toBeUndefined();
  });

  it("imposes no composition rule: lower-case letters and spaces alone pass", () => {
    expect(passwordRefusal("plain lower case words", who)).toBeUndefined();
  });

  it("refuses common and breached passwords whatever their case, and the issue's examples", () => {
    expect(passwordRefusal("1qaz2wsx3edc4rfv", who)).toBe(
      "password is on the list of common or breached passwords",
    );
    expect(passwordRefusal("1QAZ2WSX3EDC4RFV", who)).toMatch(/list of common or breached/);
    expect(passwordRefusal("PassWord12", withTotp)).toMatch(/list of common or breached/);
    expect(passwordRefusal("password12", who)).toBeDefined();
    expect(passwordRefusal("aaaaaaaaaa", who)).toBeDefined();
  });

  it("refuses a site's own list from a file, one a line, case-insensitively", () => {
    const dir = mkdtempSync(join(tmpdir(), "cradle-blocklist-"));
    const file = join(dir, "site.txt");
    writeFileSync(file, "Saint Example Childrens 2026\r\n\nstemcellsaveslives!\n");
    expect(isBlocklisted("saint example childrens 2026", file)).toBe(true);
    expect(isBlocklisted("STEMCELLSAVESLIVES!", file)).toBe(true);
    expect(isBlocklisted("saint example childrens 2027", file)).toBe(false);
    expect(readConfig({ CRADLE_PASSWORD_BLOCKLIST_FILE: file }).passwordBlocklistFile).toBe(file);
    expect(() => readConfig({ CRADLE_PASSWORD_BLOCKLIST_FILE: join(dir, "none.txt") })).toThrow(
      /CRADLE_PASSWORD_BLOCKLIST_FILE .* does not exist/,
    );
  });

  it("refuses a password containing the user name, in any case", () => {
    expect(passwordRefusal("my name is ADA lovelace", who)).toBe("password contains the user name");
  });

  it("names the field and the reason, never the value", () => {
    const e = refusal(() =>
      checkPasswordPolicy("1qaz2wsx3edc4rfv", { username: "ada", field: "newPassword" }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toMatchObject({
      field: "newPassword",
      reason: "password is on the list of common or breached passwords",
    });
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain("1qaz2wsx");
  });

  it("refuses settings below NIST's minimums, and accepts stricter ones", () => {
    expect(() => readConfig({ CRADLE_PASSWORD_MIN_LENGTH: "14" })).toThrow(/CRADLE_PASSWORD_MIN_LENGTH/);
    expect(() => readConfig({ CRADLE_PASSWORD_MIN_LENGTH_SECOND_FACTOR: "7" })).toThrow(
      /CRADLE_PASSWORD_MIN_LENGTH_SECOND_FACTOR/,
    );
    expect(readConfig({ CRADLE_PASSWORD_MIN_LENGTH: "20" }).passwordMinLength).toBe(20);
    expect(readConfig({}).passwordMinLength).toBe(15);
    expect(readConfig({}).passwordMinLengthSecondFactor).toBe(8);
  });

  it("draws one-time passwords that pass the policy", () => {
    for (let i = 0; i < 50; i++)
      expect(passwordRefusal(oneTimePassword("ab"), { username: "ab" })).toBe(undefined);
  });

  it("hashes in NFKC: a ligature and its letters are one password; a hash made before still verifies", async () => {
    const h = await hashPassword("ﬁsh and chips forever");
    expect(await verifyPassword("fish and chips forever", h)).toBe(true);
    // A hash of the unnormalised text, as stored before this change (the same scrypt parameters).
    const salt = Buffer.from("0123456789abcdef");
    const legacyKey = scryptSync("ﬁsh and chips forever", salt, 32, {
      N: 32768,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const legacy = `scrypt$32768$8$1$${salt.toString("base64")}$${legacyKey.toString("base64")}`;
    expect(await verifyPassword("ﬁsh and chips forever", legacy)).toBe(true);
    expect(await verifyPassword("fish and chips forevers", legacy)).toBe(false);
  });
});
