/**
 * A recorded form is checked against its own schema, field by field (a wrong value is refused naming the
 * field, `data.motor`), then by the rules across fields (the chronic GVHD global severity must be the one
 * the organ scores give); what follows from the fields (the acute GVHD grade) is added.
 */
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import { type BpdSupport, jensenBpdGrade } from "./bpd.js";
import type { FormName } from "./form-fields.js";
import { type ChronicOrganScores, acuteGvhdGrade, chronicGvhdSeverity } from "./gvhd.js";
import { FORM_DATA_SCHEMAS, type FieldValue } from "./schemas.js";

/** Checks a form's data; returns it with what is derived (the acute GVHD grade). */
export function checkForm(form: FormName, data: unknown): Record<string, FieldValue> {
  const out = { ...(check(FORM_DATA_SCHEMAS[form], data, "data") as Record<string, FieldValue>) };
  if (form === "vital-status") {
    // A death is recorded with its date and cause (deaths.ts); a living patient has neither.
    for (const field of ["deathDate", "cause"] as const) {
      if (out.alive === false && out[field] === undefined) {
        throw new CradleError("INVALID_INPUT", `data.${field} is required when the patient has died`, {
          field: `data.${field}`,
          value: "",
          reason: "is required when the patient has died",
        });
      }
      if (out.alive === true && out[field] !== undefined) {
        throw new CradleError("INVALID_INPUT", `data.${field} is only for a patient who has died`, {
          field: `data.${field}`,
          value: out[field],
          reason: "is only for a patient who has died (alive is true)",
        });
      }
    }
  }
  if (form === "chronic-gvhd") {
    // The entered global severity must be the one NIH 2014 derives from the organ scores.
    const derived = chronicGvhdSeverity(out as unknown as ChronicOrganScores);
    if (out.global !== derived) {
      const reason = `is not the NIH 2014 global severity of these organ scores, which is ${derived} (Jagasia 2015)`;
      throw new CradleError("INVALID_INPUT", `data.global "${String(out.global)}" ${reason}`, {
        field: "data.global",
        value: out.global,
        reason,
        derived,
      });
    }
  }
  if (form === "bpd") {
    // The grade is the one Jensen 2019 gives the support at 36 weeks PMA; a different one is refused.
    const derived = jensenBpdGrade(out.support as BpdSupport);
    if (out.grade !== derived) {
      const reason = `is not the Jensen 2019 grade of support "${String(out.support)}", which is ${derived}`;
      throw new CradleError("INVALID_INPUT", `data.grade "${String(out.grade)}" ${reason}`, {
        field: "data.grade",
        value: out.grade,
        reason,
        derived,
      });
    }
  }
  if (form === "acute-gvhd") {
    out.grade = acuteGvhdGrade(out as unknown as Parameters<typeof acuteGvhdGrade>[0]);
  }
  return out;
}
