/** Authenticator secrets sealed at rest: what a copy of the database holds, and what it cannot be made to do. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CradleError } from "../errors.js";
import { isSealed, open, seal } from "./secret-box.js";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("authenticator secrets at rest", () => {
  const key = randomBytes(32);
  it("stores a sealed value that does not contain the secret, and opens it for the same user", () => {
    const stored = seal(SECRET, "tess", key);
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain(SECRET);
    expect(seal(SECRET, "tess", key)).not.toBe(stored); // a fresh nonce each time
    expect(open(stored, "tess", key)).toBe(SECRET);
  });
  it("refuses to open a sealed value moved to another user, altered, or under another key", () => {
    const stored = seal(SECRET, "tess", key);
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as CradleError).code;
      }
      return "opened";
    };
    expect(codeOf(() => open(stored, "mallory", key))).toBe("TOTP_KEY_MISMATCH");
    const flipped = stored.slice(0, -2) + (stored.at(-2) === "A" ? "B" : "A") + stored.at(-1);
    expect(codeOf(() => open(flipped, "tess", key))).toBe("TOTP_KEY_MISMATCH");
    expect(codeOf(() => open(stored, "tess", randomBytes(32)))).toBe("TOTP_KEY_MISMATCH");
    expect(codeOf(() => open(stored, "tess", undefined))).toBe("TOTP_KEY_MISMATCH");
  });
  it("leaves a secret as written without a key, and reads one written before a key was set", () => {
    expect(seal(SECRET, "tess", undefined)).toBe(SECRET);
    expect(open(SECRET, "tess", key)).toBe(SECRET);
  });
});
