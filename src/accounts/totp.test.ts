/**
 * TOTP against RFC 6238 Appendix B: the SHA-1 secret is ASCII "12345678901234567890"; at T = 59 s the
 * 8-digit code is 94287082 (6 digits: 287082), at T = 1111111109 s it is 07081804 (081804). Codes are
 * accepted within one 30-second step either side and no further.
 */
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { matchingStep, stepOf, totpOf } from "./totp.js";

const RFC_SECRET = Secret.fromLatin1("12345678901234567890");
const rfc = (digits: number) => new TOTP({ algorithm: "SHA1", digits, period: 30, secret: RFC_SECRET });

describe("TOTP (RFC 6238)", () => {
  it("gives the Appendix B codes at the fixed times", () => {
    expect(rfc(8).generate({ timestamp: 59_000 })).toBe("94287082");
    expect(rfc(8).generate({ timestamp: 1_111_111_109_000 })).toBe("07081804");
    expect(rfc(6).generate({ timestamp: 59_000 })).toBe("287082");
    expect(rfc(6).generate({ timestamp: 1_111_111_109_000 })).toBe("081804");
  });

  it("Cradle's generator for the same secret (base32) gives the same 6-digit codes", () => {
    const ours = totpOf(RFC_SECRET.base32, "ada");
    expect(ours.generate({ timestamp: 59_000 })).toBe("287082");
    expect(ours.generate({ timestamp: 1_111_111_109_000 })).toBe("081804");
  });

  it("accepts a code one step early or late, not two; names the step it belongs to", () => {
    const ours = totpOf(RFC_SECRET.base32, "ada");
    const at = (s: number) => new Date(s * 1000);
    // 287082 is the code of step 1 (30-59 s).
    expect(stepOf(at(59))).toBe(1);
    expect(matchingStep(ours, "287082", at(59))).toBe(1);
    expect(matchingStep(ours, "287082", at(89))).toBe(1); // one step later
    expect(matchingStep(ours, "287082", at(5))).toBe(1); // one step earlier
    expect(matchingStep(ours, "287082", at(119))).toBeUndefined(); // two steps later
    expect(matchingStep(ours, "287083", at(59))).toBeUndefined();
    expect(matchingStep(ours, "28708", at(59))).toBeUndefined();
  });
});
