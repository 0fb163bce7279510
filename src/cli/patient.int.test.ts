/**
 * The patient and outcomes commands on a database with one treated HIE baby: identified reads need a
 * signed-in user with a clinical role; the research export needs a researcher and the program's key and
 * prints no MRN.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { cradle } from "../../test/support/cli.js";
import { clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import { createUser } from "../accounts/users.js";
import { recordConsent } from "../outcomes/index.js";
import { openStore } from "../store/connect.js";
import { activateProtocol } from "../therapy/protocol-versions.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-patient-cli-"));
const url = `sqlite://${join(dir, "cradle.db")}`;
const as = (user: string, extra: Record<string, string> = {}) => ({
  CRADLE_DATABASE_URL: url,
  CRADLE_USER: user,
  CRADLE_PASSWORD: PASSWORD,
  ...extra,
});

beforeAll(async () => {
  const store = await openStore(url);
  const t = await team(store);
  await createUser(
    store,
    { username: "rae", printedName: "Rae Research", roles: ["researcher"], password: PASSWORD },
    "system",
    new Date("2026-01-01T00:00:00Z"),
  );
  const c = clock("2026-02-01T09:00:00+01:00");
  await activateProtocol(store, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
  const { patient } = await treatedHieBaby(store, t, c, "MRN-5001", "2026-02-01T09:00:00+01:00");
  await recordConsent(
    store,
    {
      mrn: patient.mrn,
      scope: "research",
      document: "Registry",
      documentVersion: "1",
      signedBy: "Ada Okafor",
      relationship: "mother",
      signedAt: c.iso(8),
    },
    PASSWORD,
    c.act(t.coordinator, 8),
  );
  await store.close();
}, 60_000);

describe("cradle patient, therapy, outcomes and research", () => {
  it("shows a patient's record to a physician and refuses a researcher", async () => {
    const shown = await cradle(["patient", "show", "MRN-5001", "--json"], undefined, undefined, as("pam"));
    expect(shown.code, shown.err).toBe(0);
    const r = JSON.parse(shown.out);
    expect(r.patient.mrn).toBe("MRN-5001");
    expect(r.infusions).toHaveLength(1);
    expect(r.plans[0].doses[0].state).toBe("given");
    const refused = await cradle(["patient", "list"], undefined, undefined, as("rae"));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("FORBIDDEN");
  });

  it("prints the report's tables as CSV and the research export without identifiers", async () => {
    const csv = await cradle(["outcomes", "report", "--csv", "survival"], undefined, undefined, as("pam"));
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split("\n")[0]).toBe(
      "group,time_days,n_risk,n_event,n_censor,survival,std_err,lower,upper",
    );
    const noKey = await cradle(["research", "export"], undefined, undefined, as("rae"));
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain("CRADLE_EXPORT_KEY");
    const badFormat = await cradle(
      ["research", "export", "--format", "xml"],
      undefined,
      undefined,
      as("rae", { CRADLE_EXPORT_KEY: "a key of at least sixteen characters" }),
    );
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain("--format");
    const exported = await cradle(
      ["research", "export", "--format", "json"],
      undefined,
      undefined,
      as("rae", { CRADLE_EXPORT_KEY: "a key of at least sixteen characters" }),
    );
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out).records).toHaveLength(1);
    expect(exported.out).not.toContain("MRN-5001");
    expect(exported.out).not.toContain("Okafor");
  });
});
