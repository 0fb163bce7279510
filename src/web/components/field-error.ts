/** The server's refusal as the message of the field it names, in the user's words; undefined for others. */
import { ApiError } from "../api";
import { inUserWords } from "./field-words";
import { localTimesIn } from "./format";

export function fieldError(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  if (error.field !== name && !error.field.startsWith(`${name}.`)) return undefined;
  // Times in the user's zone and words, as the note under the form gives them.
  return localTimesIn(inUserWords(error.message, error.field));
}
