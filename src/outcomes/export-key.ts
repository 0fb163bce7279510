/**
 * The research export's key, one policy for every face. CRADLE_EXPORT_KEY, when set, must be at least 16
 * characters: the same key gives the same pseudonyms and date shifts in every export, so exports can be
 * joined. Left unset, a server draws a random key when it starts (its exports agree with each other until
 * it restarts, and with no other); a command is one export, so there a random key would link to nothing:
 * it refuses and says to set the key.
 */
import { randomBytes } from "node:crypto";
import { CradleError } from "../errors.js";

export const EXPORT_KEY_VARIABLE = "CRADLE_EXPORT_KEY";
export const EXPORT_KEY_MIN_LENGTH = 16;

export interface ExportKey {
  key: string;
  /** True when the key is the program's (pseudonyms stable across starts). */
  stable: boolean;
}

function refuse(value: string, reason: string): never {
  throw new CradleError("INVALID_INPUT", `${EXPORT_KEY_VARIABLE} ${reason}`, {
    field: EXPORT_KEY_VARIABLE,
    // The key is a secret: never quoted.
    value: value === "" ? "" : "…",
    reason,
  });
}

/** Refuses a key too short to keep pseudonyms from being guessed. */
export function checkExportKey(key: string): string {
  if (typeof key !== "string" || key.length < EXPORT_KEY_MIN_LENGTH) {
    refuse(String(key ?? ""), `must be at least ${EXPORT_KEY_MIN_LENGTH} characters`);
  }
  return key;
}

/** The key a face uses, from the variable's value (undefined when unset). */
export function exportKeyFrom(value: string | undefined, face: "server" | "command"): ExportKey {
  if (value === undefined || value === "") {
    if (face === "command") {
      refuse(
        "",
        `is not set: set it (${EXPORT_KEY_MIN_LENGTH}+ characters); the same key gives the same pseudonyms in every export`,
      );
    }
    return { key: randomBytes(32).toString("hex"), stable: false };
  }
  return { key: checkExportKey(value), stable: true };
}
