/**
 * Treatment windows as absolute times. A protocol states its windows in hours from an anchor: birth (the
 * HIE and BPD protocols) or day 0 (a transplant). Hours are elapsed hours: "by 48 hours of age" is 48 hours
 * after the moment of birth whatever the clock did in between (a daylight-saving change moves the local
 * clock, not the baby's age). Times are read with their zone and written in UTC.
 */
import { instant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { DoseWindow } from "./schemas/protocol.js";
import type { WindowState } from "./vocabulary.js";

export type { DoseWindow, WindowState };

export interface ScheduledDose {
  number: number;
  earliest: string;
  latest: string;
}

const HOUR_MS = 3_600_000;

/** Reads an ISO 8601 time that carries its zone (Z or ±hh:mm); a time without one is refused. */
export function instantWithZone(field: string, value: string): Date {
  return new Date(instant(field, value));
}

/** The windows as absolute UTC times; day 0 is required when a window counts from it. */
export function scheduleDoses(
  windows: readonly DoseWindow[],
  anchors: { birth: Date; day0?: Date },
): ScheduledDose[] {
  return windows.map((w) => {
    const at = w.anchor === "birth" ? anchors.birth : anchors.day0;
    if (!at) {
      throw new CradleError("INVALID_INPUT", `day0: dose ${w.number} is counted from day 0; give --day0`, {
        field: "day0",
      });
    }
    return {
      number: w.number,
      earliest: new Date(at.getTime() + w.fromHours * HOUR_MS).toISOString(),
      latest: new Date(at.getTime() + w.toHours * HOUR_MS).toISOString(),
    };
  });
}

/** Where a dose window stands at a moment: not yet open, open, or closed without the dose. */
export function windowState(dose: Pick<ScheduledDose, "earliest" | "latest">, now: Date): WindowState {
  const t = now.getTime();
  if (t < Date.parse(dose.earliest)) return "upcoming";
  return t <= Date.parse(dose.latest) ? "due" : "overdue";
}
