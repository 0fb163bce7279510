/**
 * The choices therapy's forms offer. The web app may not import the server's constants at run time, so the
 * lists are written here, but each is checked at compile time against therapy's schema types: a value the
 * server adds or drops fails the build until the list follows.
 */
import type { Indication, ReactionSeverity, RespiratorySupport, Sex } from "../therapy/schemas.js";

/** The values, in order; compiles only when they are exactly every member of T. */
function every<T extends string>() {
  return <const V extends readonly T[]>(...values: V & ([T] extends [V[number]] ? unknown : never)): T[] => [
    ...values,
  ];
}

export const SEXES = every<Sex>()("female", "male", "undetermined");
export const INDICATIONS = every<Indication>()(
  "genetic-disorder",
  "congenital-abnormality",
  "neonatal-brain-injury",
  "complication-of-prematurity",
);
export const RESPIRATORY_SUPPORT = every<RespiratorySupport>()(
  "none",
  "oxygen",
  "cpap",
  "mechanical-ventilation",
);
export const REACTION_SEVERITIES = every<ReactionSeverity>()(
  "mild",
  "moderate",
  "severe",
  "life-threatening",
);
