import type { Act } from "../accounts/act.js";
/**
 * Infant patients: identity (MRN, name, birth time with its zone, sex, gestational age, birth weight, the
 * mother), diagnosis (ICD-10 and indication), HLA typing and antibodies, and weights over time. The MRN is
 * the patient's identifier everywhere in Cradle (reservations, wristbands, custody); it never changes.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { actionsOfRoles, allowTherapy } from "./act.js";
import { type Infant, evaluateEligibility } from "./eligibility.js";
import { MrnSchema } from "./schemas/common.js";
import {
  type Antibody,
  type Eligibility,
  type NewPatient,
  NewPatientSchema,
  type NewWeight,
  NewWeightSchema,
  type Patient,
  type PatientPage,
  type PatientQuery,
  PatientQuerySchema,
  type Weight,
} from "./schemas/patient.js";
import { ProtocolIdSchema } from "./schemas/protocol-id.js";
import type { Indication, RespiratorySupport, Sex } from "./vocabulary.js";

export type { Antibody, NewPatient, Patient, Weight };

const MRN = /^[A-Z0-9][A-Z0-9-]{2,29}$/;

/** Reads an MRN as keyed or scanned from a wristband; a product barcode scanned by mistake is named as such. */
export function parseMrn(text: string, field = "mrn"): string {
  if (typeof text !== "string") {
    throw new CradleError("INVALID_INPUT", `${field} must be text`, { field, value: String(text) });
  }
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
  check(NewPatientSchema, input);
  const birthAt = pastInstant("birth", input.birth, act.at);
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(input.birth)?.[1] ?? "Z";
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
  const patient: Patient = {
    mrn: parseMrn(input.mrn),
    givenName: input.givenName.trim(),
    familyName: input.familyName.trim(),
    birthAt,
    birthOffset: offset === "Z" ? "+00:00" : offset,
    sex: input.sex,
    gestationalWeeks: input.gestationalWeeks,
    gestationalDays: input.gestationalDays,
    birthWeightGrams: input.birthWeightGrams,
    motherMrn: input.motherMrn === undefined ? null : parseMrn(input.motherMrn, "motherMrn"),
    icd10: input.icd10.toUpperCase(),
    indication: input.indication,
    diagnosis: input.diagnosis.trim(),
    hla,
    antibodies: input.antibodies ?? [],
    cordBloodCollectedMl: input.cordBloodCollectedMl ?? null,
    respiratorySupport: input.respiratorySupport ?? null,
    createdAt: act.at.toISOString(),
    createdBy: act.user.username,
  };
  if (patient.motherMrn === patient.mrn) {
    throw new CradleError("INVALID_INPUT", "motherMrn: a baby cannot be its own mother", {
      field: "motherMrn",
      value: patient.motherMrn,
      reason: "is the baby's own MRN",
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

/** Whether a patient has this (canonical) MRN: for the bank's reservations, inside their transaction. */
export async function patientExists(db: Store["db"] | Tx, mrn: string): Promise<boolean> {
  return (
    (await db.selectFrom("patient").select("mrn").where("mrn", "=", mrn).executeTakeFirst()) !== undefined
  );
}

/** A patient by MRN, for the services (no role check: the caller has made it). */
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

/**
 * The name an autologous or directed product's label carries for its recipient ("FAMILY, Given"), when the
 * bank's recipient id is a patient of this program; null when it is not (a recipient treated elsewhere),
 * so the label shows the id alone. Any other failure is the database's and is thrown.
 */
export async function recipientNameForLabel(
  db: Store["db"] | Tx,
  recipientId: string,
): Promise<string | null> {
  try {
    const p = await getPatient(db, recipientId, "recipientId");
    return `${p.familyName}, ${p.givenName}`;
  } catch (e) {
    if (e instanceof CradleError && (e.code === "PATIENT_NOT_FOUND" || e.code === "INVALID_INPUT"))
      return null;
    throw e;
  }
}

/** A patient by MRN, for a user who may read patients. */
export async function readPatient(store: Store, mrn: string, act: Pick<Act, "user">): Promise<Patient> {
  allowTherapy(act, "readPatients", "read patients");
  check(MrnSchema, mrn, "mrn");
  return getPatient(store.db, mrn);
}

/** Every eligibility rule of a protocol for this patient now. */
export async function patientEligibility(
  store: Store,
  mrn: string,
  protocol: string,
  act: Pick<Act, "user" | "at">,
): Promise<Eligibility> {
  check(ProtocolIdSchema, protocol, "protocol");
  const patient = await readPatient(store, mrn, act);
  return evaluateEligibility(protocol, infantOf(patient), act.at);
}

export async function listPatients(
  store: Store,
  query: PatientQuery,
  act: Pick<Act, "user">,
): Promise<PatientPage> {
  allowTherapy(act, "readPatients", "read patients");
  const q = check(PatientQuerySchema, query);
  let sel = store.db.selectFrom("patient");
  const s = q.search?.trim();
  if (s) {
    const like = `%${s.toLowerCase()}%`;
    sel = sel.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["mrn"]), "like", like),
        eb(eb.fn("lower", ["familyName"]), "like", like),
        eb(eb.fn("lower", ["givenName"]), "like", like),
      ]),
    );
  }
  const total = await sel.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const rows = await sel
    .selectAll()
    .orderBy("birthAt", "desc")
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .execute();
  const actions = actionsOfRoles(act.user.roles).filter((a) => a === "registerPatient");
  return { items: rows.map(toPatient), total: Number(total?.n ?? 0), actions };
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
  input: NewWeight,
  act: Act,
): Promise<Weight> {
  allowTherapy(act, "recordWeight", "record weights");
  check(MrnSchema, mrnText, "mrn");
  check(NewWeightSchema, input);
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
