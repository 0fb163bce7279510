/**
 * Sealing authenticator secrets at start, on every dialect: a key seals the secrets stored as written, and
 * a start without the key, or with another, is refused rather than leaving those users unable to sign in.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { refusal } from "../../test/support/expect-code.js";
import { isSealed, open } from "./secret-box.js";
import { beginTotp, prepareTotpSecrets } from "./totp.js";
import { createUser } from "./users.js";

const AT = new Date("2026-05-04T10:00:00Z");

describe.each(DIALECTS)("authenticator secrets sealed at start on %s", (dialect) => {
  const store = useStore(dialect);
  it("seals what is stored as written, keeps the code's secret, and refuses a start without the key", async () => {
    const user = await createUser(
      store(),
      { username: "sealy", printedName: "Sam Sealy", roles: ["nurse"], password: "a long enough passphrase" },
      "system",
      AT,
    );
    const { secret } = await beginTotp(store(), user, AT);
    const stored = async () =>
      (
        await store()
          .db.selectFrom("userTotp")
          .select("secret")
          .where("username", "=", "sealy")
          .executeTakeFirstOrThrow()
      ).secret;
    expect(await stored()).toBe(secret);
    const key = randomBytes(32);
    expect(await prepareTotpSecrets(store(), key)).toBe(1);
    expect(isSealed(await stored())).toBe(true);
    expect(await stored()).not.toContain(secret);
    expect(open(await stored(), "sealy", key)).toBe(secret);
    // A second start with the key: nothing left to seal, everything opens.
    expect(await prepareTotpSecrets(store(), key)).toBe(0);
    expect((await refusal(() => prepareTotpSecrets(store(), undefined))).code).toBe("TOTP_KEY_MISMATCH");
    expect((await refusal(() => prepareTotpSecrets(store(), randomBytes(32)))).code).toBe(
      "TOTP_KEY_MISMATCH",
    );
  });
});
