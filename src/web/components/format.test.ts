import { describe, expect, it } from "vitest";
import { localTimesIn, when } from "./format";

describe("localTimesIn", () => {
  it("shows every instant of a server's sentence in the user's zone, named", () => {
    const text = "expires 2026-12-05T08:19:20.022Z; dose 2 is due until 2026-12-05T10:00:00+02:00";
    const shown = localTimesIn(text);
    expect(shown).toBe(
      `expires ${when("2026-12-05T08:19:20.022Z")}; dose 2 is due until ${when("2026-12-05T08:00:00Z")}`,
    );
    expect(shown).not.toMatch(/T\d\d:\d\d/);
  });
  it("leaves calendar dates, impossible instants and other text alone", () => {
    expect(localTimesIn("collected 2026-12-05 at St Mary")).toBe("collected 2026-12-05 at St Mary");
    expect(localTimesIn("2026-02-30T25:61:00Z")).toBe("2026-02-30T25:61:00Z");
    expect(localTimesIn("no times here")).toBe("no times here");
  });
});
