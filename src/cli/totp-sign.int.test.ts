/**
 * A TOTP user signs through the CLI (issue 15): one invocation asks the code once (CRADLE_TOTP_CODE), signs
 * in with both factors and signs with that proof; a second check would refuse the used code as a replay.
 * Codes come from otpauth with RFC 6238's defaults (SHA-1, 6 digits, 30 s), as an authenticator app makes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  act,
  nextTime,
  passingCordQc,
  people,
  recordAll,
  registerCord,
} from "../../test/support/bank.js";
import { cradle } from "../../test/support/cli.js";
import { beginTotp, confirmTotp } from "../accounts/users.js";
import { recordProcessing } from "../bank/index.js";
import { type Store, openStore } from "../store/connect.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-totp-sign-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "sign.db")}` };
const QM = { ...ENV, CRADLE_USER: "quinn", CRADLE_PASSWORD: PASSWORD };
const run = (args: string[], env: Record<string, string>) => cradle(args, undefined, undefined, env);

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
let store: Store;
let secret: string;
let din: string;
const codeAt = (ms: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

beforeAll(async () => {
  store = await openStore(ENV.CRADLE_DATABASE_URL);
  const p = await people(store);
  const unit = await registerCord(store, p.tech);
  await recordProcessing(
    store,
    { din: unit.din },
    { step: "cryopreservation", performedAt: nextTime(), complete: true },
    act(p.tech),
  );
  await recordAll(
    store,
    unit,
    [...passingCordQc(), { test: "hla", stage: "post-processing", result: TYPING, testedAt: nextTime() }],
    p.tech,
  );
  din = unit.din;
  // Confirmed with the code of two steps ago, so the code of now is still unused.
  const confirmAt = new Date(Date.now() - 60_000);
  secret = (await beginTotp(store, p.qm, confirmAt)).secret;
  await confirmTotp(store, p.qm, codeAt(confirmAt.getTime()), confirmAt);
  await store.close();
});

describe("a TOTP user signing through the CLI", () => {
  it("is refused without a right code and signs once with it", async () => {
    const wrong = await run(["product", "release", din], { ...QM, CRADLE_TOTP_CODE: "000000" });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("AUTH_FAILED");
    // No code in the environment: it is asked, and an empty answer is refused.
    const none = await run(["product", "release", din], QM);
    expect(none.code).toBe(2);
    const ok = await run(["product", "release", din], { ...QM, CRADLE_TOTP_CODE: codeAt(Date.now()) });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/signed: Quinn Quality \(quinn\), .*meaning: released/);
  });

  it("changes the password with one code, given to the change alone", async () => {
    // The next step's code (RFC 6238 §5.2 lets a verifier accept one step of drift): now's is used.
    const env = {
      ...QM,
      CRADLE_NEW_PASSWORD: `${PASSWORD} renewed`,
      CRADLE_TOTP_CODE: codeAt(Date.now() + 30_000),
    };
    const changed = await run(["user", "password"], env);
    expect(changed.code, changed.err).toBe(0);
    expect(changed.out).toContain("password changed for quinn");
  });
});
