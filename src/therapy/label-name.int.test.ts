/**
 * The recipient's name an autologous or directed product's label carries, on every dialect: a patient of
 * this program by name, anyone else (a recipient treated elsewhere, an id that is no MRN) by id alone.
 */
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { recipientNameForLabel } from "./patients.js";

const BIRTH = "2026-04-02T01:17:00Z";

describe.each(DIALECTS)("the recipient's name on a label, on %s", (dialect) => {
  const store = useStore(dialect);
  it("names a registered patient, family name first, and gives no name for anyone else", async () => {
    const t = await team(store(), "l-");
    await registerHieBaby(store(), t, clock(BIRTH), "MRN-LABEL-1", BIRTH, {
      givenName: "Zephyrine",
      familyName: "Quixotella",
    });
    expect(await recipientNameForLabel(store().db, "MRN-LABEL-1")).toBe("Quixotella, Zephyrine");
    expect(await recipientNameForLabel(store().db, "MRN-ELSEWHERE-9")).toBeNull();
    expect(await recipientNameForLabel(store().db, "not an MRN / at all")).toBeNull();
  });
});
