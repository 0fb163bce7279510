/**
 * An error's title in the user's words, by what the user can do about it (the HTTP status, a few codes
 * singled out); the code itself is shown apart, in small text, for support.
 */
import type { ApiError } from "../api";

const BY_CODE: Partial<Record<ApiError["code"], string>> = {
  AUTH_FAILED: "Not signed in — check the user name and password",
  AUTH_REQUIRED: "Sign in first",
  SIGNATURE_INVALID: "Signature not accepted",
  RELEASE_CRITERIA_FAILED: "Not released — a release criterion fails",
  NETWORK: "No answer from the server — check the connection and try again",
  CLIENT: "The page could not do this",
};

const BY_STATUS: Record<number, string> = {
  401: "Not signed in",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the record's current state",
  413: "Too large to send",
  415: "Not a kind of file or request the server takes",
  429: "Too many attempts — wait and try again",
  500: "Unexpected error — give support the code below",
  503: "Not available just now — try again shortly",
};

export function errorTitle(e: Pick<ApiError, "status" | "code" | "field">): string {
  const byCode = BY_CODE[e.code];
  if (byCode) return byCode;
  if (e.status === 422 || e.status === 400)
    return e.field ? "Not saved — check the field" : "Not saved — check the values";
  return BY_STATUS[e.status] ?? "Not done";
}
