import type { Act } from "../accounts/act.js";
/**
 * Infant patients: identity (MRN, name, birth time with its zone, sex, gestational age, birth weight, the
 * mother), diagnosis (ICD-10 and indication), HLA typing and antibodies, and weights over time. The MRN is
 * the patient's identifier everywhere in Cradle (reservations, wristbands, custody); it never changes.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import {
  INDICATIONS,
  type Indication,
  type Infant,
  RESPIRATORY_SUPPORT,
  type RespiratorySupport,
  checkInfant,
} from "./eligibility.js";

export const SEXES = ["female", "male", "undetermined"] as const;
export type Sex = (typeof SEXES)[number];

/** An HLA antibody the patient carries (e.g. from a single-antigen bead assay), with its strength. */
export interface Antibody {
  specificity: string;
  mfi?: number;
}

export interface Patient {
  mrn: string;
  givenName: string;
  familyName: string;
  /** UTC. */
  birthAt: string;
  /** The zone offset the birth was recorded in, e.g. "-05:00": shows the local clock time. */
  birthOffset: string;
  sex: Sex;
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  motherMrn: string | null;
  icd10: string;
  indication: Indication;
  diagnosis: string;
  hla: string | null;
  antibodies: Antibody[];
  cordBloodCollectedMl: number | null;
  respiratorySupport: RespiratorySupport | null;
  createdAt: string;
  createdBy: string;
}

export interface NewPatient {
  mrn: string;
  givenName: string;
  familyName: string;
  /** ISO 8601 with its zone: the local time and offset on the birth record. */
  birth: string;
  sex: string;
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  motherMrn?: string;
  icd10: string;
  indication: string;
  diagnosis: string;
  hla?: string;
  antibodies?: Antibody[];
  cordBloodCollectedMl?: number;
  respiratorySupport?: string;
}

export interface Weight {
  measuredAt: string;
  grams: number;
  recordedBy: string;
}

const MRN = /^[A-Z0-9][A-Z0-9-]{2,29}$/;

/** Reads an MRN as keyed or scanned from a wristband; a product barcode scanned by mistake is named as such. */
export function parseMrn(text: string, field = "mrn"): string {
  const t = text.trim().toUpperCase();
  if (t.startsWith("=")) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${text}" is an ISBT 128 product barcode, not a patient's wristband`,
      { field, value: text },
    );
  }
  if (!MRN.test(t)) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${text}" is not a medical record number (3 to 30 letters, digits or hyphens)`,
      { field, value: text },
    );
  }
  return t;
}

function oneOf<T extends string>(field: string, value: string | undefined, values: readonly T[]): T {
  if (value === undefined || !(values as readonly string[]).includes(value)) {
    throw new CradleError("INVALID_INPUT", `${field} "${value ?? ""}" is not one of ${values.join(", ")}`, {
      field,
      value,
    });
  }
  return value as T;
}

function text(field: string, value: string | undefined, max = 200): string {
  const t = (value ?? "").trim();
  if (t === "" || t.length > max) {
    throw new CradleError("INVALID_INPUT", `${field} is required (1 to ${max} characters)`, { field, value });
  }
  return t;
}

function checkWeight(field: string, grams: number): void {
  if (!Number.isFinite(grams) || grams < 300 || grams > 150_000) {
    throw new CradleError("INVALID_INPUT", `${field} ${grams}: 300 to 150000 grams`, { field, value: grams });
  }
}

/** The infant as the eligibility rules see it. */
export function infantOf(p: Patient): Infant {
  return {
    birth: new Date(p.birthAt),
    gestationalWeeks: p.gestationalWeeks,
    gestationalDays: p.gestationalDays,
    birthWeightGrams: p.birthWeightGrams,
    indication: p.indication,
    icd10: p.icd10,
    ...(p.cordBloodCollectedMl === null ? {} : { cordBloodCollectedMl: p.cordBloodCollectedMl }),
    ...(p.respiratorySupport === null ? {} : { respiratorySupport: p.respiratorySupport }),
  };
}

export interface PatientOptions {
  /** Checks an HLA GL string against the IMGT/HLA release; throws a CradleError naming the token. */
  validateHla?: (glString: string) => void;
}

export async function registerPatient(
  store: Store,
  input: NewPatient,
  act: Act,
  options: PatientOptions = {},
): Promise<Patient> {
  allowTherapy(act, "registerPatient", "register patients");
  const birthAt = pastInstant("birth", input.birth, act.at);
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(input.birth.trim())?.[1] ?? "Z";
  const hla = input.hla?.trim() ? input.hla.trim() : null;
  if (hla !== null && options.validateHla) {
    try {
      options.validateHla(hla);
    } catch (e) {
      if (e instanceof CradleError) {
        throw new CradleError(e.code, `hla: ${e.message}`, { ...e.details, field: "hla", value: hla });
      }
      throw e;
    }
  }
  for (const a of input.antibodies ?? []) {
    if (!a.specificity?.trim() || (a.mfi !== undefined && (!Number.isFinite(a.mfi) || a.mfi < 0))) {
      throw new CradleError(
        "INVALID_INPUT",
        `antibodies: "${a.specificity}" needs a specificity and an MFI of 0 or more`,
        { field: "antibodies", value: a },
      );
    }
  }
  if (
    input.cordBloodCollectedMl !== undefined &&
    (!Number.isFinite(input.cordBloodCollectedMl) ||
      input.cordBloodCollectedMl < 0 ||
      input.cordBloodCollectedMl > 500)
  ) {
    throw new CradleError(
      "INVALID_INPUT",
      `cordBloodCollectedMl ${input.cordBloodCollectedMl}: 0 to 500 mL`,
      {
        field: "cordBloodCollectedMl",
        value: input.cordBloodCollectedMl,
      },
    );
  }
  const patient: Patient = {
    mrn: parseMrn(input.mrn),
    givenName: text("givenName", input.givenName, 100),
    familyName: text("familyName", input.familyName, 100),
    birthAt,
    birthOffset: offset === "Z" ? "+00:00" : offset,
    sex: oneOf("sex", input.sex, SEXES),
    gestationalWeeks: input.gestationalWeeks,
    gestationalDays: input.gestationalDays,
    birthWeightGrams: input.birthWeightGrams,
    motherMrn: input.motherMrn?.trim() ? parseMrn(input.motherMrn, "motherMrn") : null,
    icd10: (input.icd10 ?? "").trim().toUpperCase(),
    indication: oneOf("indication", input.indication, INDICATIONS),
    diagnosis: text("diagnosis", input.diagnosis),
    hla,
    antibodies: input.antibodies ?? [],
    cordBloodCollectedMl: input.cordBloodCollectedMl ?? null,
    respiratorySupport:
      input.respiratorySupport === undefined
        ? null
        : oneOf("respiratorySupport", input.respiratorySupport, RESPIRATORY_SUPPORT),
    createdAt: act.at.toISOString(),
    createdBy: act.user.username,
  };
  checkInfant(infantOf(patient));
  if (patient.motherMrn === patient.mrn) {
    throw new CradleError("INVALID_INPUT", "motherMrn: a baby cannot be its own mother", {
      field: "motherMrn",
      value: patient.motherMrn,
    });
  }
  await write(store, async (tx) => {
    const existing = await tx
      .selectFrom("patient")
      .select("mrn")
      .where("mrn", "=", patient.mrn)
      .executeTakeFirst();
    if (existing) {
      throw new CradleError("PATIENT_EXISTS", `mrn ${patient.mrn} already identifies a patient`, {
        field: "mrn",
        value: patient.mrn,
      });
    }
    await tx
      .insertInto("patient")
      .values({ ...patient, antibodies: JSON.stringify(patient.antibodies) })
      .execute();
    // The birth weight is the first weight of the history.
    await tx
      .insertInto("patientWeight")
      .values({
        mrn: patient.mrn,
        measuredAt: birthAt,
        grams: patient.birthWeightGrams,
        recordedBy: act.user.username,
      })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "patient.register",
      entityType: "patient",
      entityId: patient.mrn,
      after: patient,
      at: act.at,
    });
  });
  return patient;
}

type PatientRow = Awaited<ReturnType<typeof patientRow>>;
function patientRow(db: Store["db"] | Tx, mrn: string) {
  return db.selectFrom("patient").selectAll().where("mrn", "=", mrn).executeTakeFirst();
}

function toPatient(r: NonNullable<PatientRow>): Patient {
  return {
    ...r,
    sex: r.sex as Sex,
    indication: r.indication as Indication,
    respiratorySupport: r.respiratorySupport as RespiratorySupport | null,
    antibodies: r.antibodies ? (JSON.parse(r.antibodies) as Antibody[]) : [],
  };
}

export async function getPatient(db: Store["db"] | Tx, mrnText: string, field = "mrn"): Promise<Patient> {
  const mrn = parseMrn(mrnText, field);
  const row = await patientRow(db, mrn);
  if (!row) {
    throw new CradleError("PATIENT_NOT_FOUND", `${field} ${mrn}: no patient has this medical record number`, {
      field,
      value: mrn,
    });
  }
  return toPatient(row);
}

export async function listPatients(
  store: Store,
  q: { search?: string; limit?: number; offset?: number } = {},
): Promise<{ items: Patient[]; total: number }> {
  let query = store.db.selectFrom("patient");
  const s = q.search?.trim();
  if (s) {
    const like = `%${s.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["mrn"]), "like", like),
        eb(eb.fn("lower", ["familyName"]), "like", like),
        eb(eb.fn("lower", ["givenName"]), "like", like),
      ]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy("birthAt", "desc")
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .execute();
  return { items: rows.map(toPatient), total: Number(total?.n ?? 0) };
}

export async function weightsOf(db: Store["db"] | Tx, mrn: string): Promise<Weight[]> {
  return db
    .selectFrom("patientWeight")
    .select(["measuredAt", "grams", "recordedBy"])
    .where("mrn", "=", mrn)
    .orderBy("measuredAt", "desc")
    .execute();
}

/** The latest weight: what a dose is computed from. */
export async function latestWeight(db: Store["db"] | Tx, mrn: string): Promise<Weight> {
  const [w] = await weightsOf(db, mrn);
  if (!w)
    throw new CradleError("INVALID_INPUT", `patient ${mrn} has no weight recorded`, { field: "weight" });
  return w;
}

export async function recordWeight(
  store: Store,
  mrnText: string,
  input: { grams: number; measuredAt: string },
  act: Act,
): Promise<Weight> {
  allowTherapy(act, "recordWeight", "record weights");
  checkWeight("grams", input.grams);
  const measuredAt = pastInstant("measuredAt", input.measuredAt, act.at);
  return write(store, async (tx) => {
    const patient = await getPatient(tx, mrnText);
    if (Date.parse(measuredAt) < Date.parse(patient.birthAt)) {
      throw new CradleError(
        "INVALID_INPUT",
        `measuredAt ${input.measuredAt} is before the birth (${patient.birthAt})`,
        {
          field: "measuredAt",
          value: input.measuredAt,
        },
      );
    }
    const w: Weight = { measuredAt, grams: input.grams, recordedBy: act.user.username };
    const clash = await tx
      .selectFrom("patientWeight")
      .select("grams")
      .where("mrn", "=", patient.mrn)
      .where("measuredAt", "=", measuredAt)
      .executeTakeFirst();
    if (clash) {
      throw new CradleError(
        "INVALID_INPUT",
        `measuredAt ${input.measuredAt}: a weight of ${clash.grams} g is already recorded then`,
        {
          field: "measuredAt",
          value: input.measuredAt,
        },
      );
    }
    await tx
      .insertInto("patientWeight")
      .values({ mrn: patient.mrn, ...w })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "patient.weight",
      entityType: "patient",
      entityId: patient.mrn,
      after: w,
      at: act.at,
    });
    return w;
  });
}
