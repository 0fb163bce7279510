/**
 * Follow-up forms as typed fields: each form says what it holds, and a recorded form is checked field by
 * field (a wrong value is refused naming the field). Acute GVHD is recorded as MAGIC organ stages and
 * keeps its overall grade; chronic GVHD as NIH organ scores 0–3 and the global severity.
 */
import { CradleError } from "../errors.js";
import { acuteGvhdGrade } from "./gvhd.js";

type FieldSpec =
  | { kind: "number"; min: number; max: number; integer?: boolean; required?: boolean; what: string }
  | { kind: "boolean"; required?: boolean; what: string }
  | { kind: "text"; required?: boolean; what: string }
  | { kind: "date"; required?: boolean; what: string }
  | { kind: "choice"; values: readonly string[]; required?: boolean; what: string };

const stage = (max: number, what: string): FieldSpec => ({
  kind: "number",
  min: 0,
  max,
  integer: true,
  required: true,
  what,
});

export const FORMS = {
  "blood-counts": {
    anc: { kind: "number", min: 0, max: 100, what: "absolute neutrophil count ×10^9/L" },
    platelets: { kind: "number", min: 0, max: 2000, what: "platelets ×10^9/L" },
    plateletTransfusion: { kind: "boolean", what: "platelets transfused that day" },
    redCellTransfusion: { kind: "boolean", what: "red cells transfused that day" },
  },
  chimerism: {
    donorPercent: { kind: "number", min: 0, max: 100, required: true, what: "donor chimerism %" },
    lineage: {
      kind: "choice",
      values: ["whole-blood", "t-cell", "myeloid"],
      required: true,
      what: "the cells tested",
    },
  },
  "acute-gvhd": {
    skin: stage(4, "skin stage"),
    liver: stage(4, "liver stage"),
    upperGi: stage(1, "upper GI stage"),
    lowerGi: stage(4, "lower GI stage"),
  },
  "chronic-gvhd": {
    skin: stage(3, "skin score"),
    mouth: stage(3, "mouth score"),
    eyes: stage(3, "eyes score"),
    gi: stage(3, "GI tract score"),
    liver: stage(3, "liver score"),
    lungs: stage(3, "lungs score"),
    joints: stage(3, "joints and fascia score"),
    genital: stage(3, "genital tract score"),
    global: {
      kind: "choice",
      values: ["none", "mild", "moderate", "severe"],
      required: true,
      what: "NIH global severity",
    },
  },
  infection: {
    organism: { kind: "text", required: true, what: "organism" },
    site: { kind: "text", required: true, what: "site" },
    severity: {
      kind: "choice",
      values: ["non-severe", "severe", "life-threatening"],
      required: true,
      what: "severity",
    },
  },
  neurodevelopment: {
    instrument: { kind: "choice", values: ["Bayley-III"], required: true, what: "the instrument" },
    cognitive: {
      kind: "number",
      min: 40,
      max: 160,
      integer: true,
      required: true,
      what: "cognitive composite",
    },
    motor: { kind: "number", min: 40, max: 160, integer: true, required: true, what: "motor composite" },
    language: {
      kind: "number",
      min: 40,
      max: 160,
      integer: true,
      required: true,
      what: "language composite",
    },
  },
  "vital-status": {
    alive: { kind: "boolean", required: true, what: "alive at the visit" },
    deathDate: { kind: "date", what: "date of death" },
    cause: { kind: "text", what: "cause of death" },
  },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type FormName = keyof typeof FORMS;

export function isForm(name: string): name is FormName {
  return Object.hasOwn(FORMS, name);
}

/** Checks a form's data; returns it with what is derived (the acute GVHD grade). */
export function checkForm(form: string, data: Record<string, unknown>): Record<string, unknown> {
  if (!isForm(form)) {
    throw new CradleError("INVALID_INPUT", `form "${form}" is not one of ${Object.keys(FORMS).join(", ")}`, {
      field: "form",
      value: form,
    });
  }
  const spec = FORMS[form] as Record<string, FieldSpec>;
  for (const key of Object.keys(data)) {
    if (!(key in spec)) {
      throw new CradleError(
        "INVALID_INPUT",
        `${form}: "${key}" is not a field (fields: ${Object.keys(spec).join(", ")})`,
        {
          field: `data.${key}`,
        },
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(spec)) {
    const v = data[key];
    const field = `data.${key}`;
    if (v === undefined || v === null || v === "") {
      if (f.required)
        throw new CradleError("INVALID_INPUT", `${form}: ${key} (${f.what}) is required`, { field });
      continue;
    }
    const bad = (why: string) =>
      new CradleError("INVALID_INPUT", `${form}: ${key} ${JSON.stringify(v)} ${why}`, { field, value: v });
    if (f.kind === "number") {
      if (
        typeof v !== "number" ||
        !Number.isFinite(v) ||
        v < f.min ||
        v > f.max ||
        (f.integer && !Number.isInteger(v))
      ) {
        throw bad(
          `is not ${f.integer ? "a whole number" : "a number"} from ${f.min} to ${f.max} (${f.what})`,
        );
      }
    } else if (f.kind === "boolean") {
      if (typeof v !== "boolean") throw bad(`is not true or false (${f.what})`);
    } else if (f.kind === "choice") {
      if (typeof v !== "string" || !f.values.includes(v)) throw bad(`is not one of ${f.values.join(", ")}`);
    } else if (f.kind === "date") {
      if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
        throw bad("is not a date YYYY-MM-DD");
    } else if (typeof v !== "string" || v.trim() === "" || v.length > 500) {
      throw bad(`is not text of 1 to 500 characters (${f.what})`);
    }
    out[key] = v;
  }
  if (form === "vital-status" && out.alive === false && !out.deathDate) {
    throw new CradleError("INVALID_INPUT", "vital-status: deathDate is required when the patient has died", {
      field: "data.deathDate",
    });
  }
  if (form === "acute-gvhd") {
    out.grade = acuteGvhdGrade(out as unknown as Parameters<typeof acuteGvhdGrade>[0]);
  }
  return out;
}
