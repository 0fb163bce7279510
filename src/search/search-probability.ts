/**
 * Match probabilities in a search (issue 17): the patient imputed at search time against the set of the
 * population the request names, else the patient's own choice, else the registry default or the global
 * fallback; each candidate's stored imputation (made at import) read back; P(0 … 4 mismatches) at 6/6, 8/8
 * and 10/10 and per locus from the probability core. Sorting or filtering by a probability takes every
 * candidate within the mismatch limits, not only the page, so the first page is the best by it.
 */
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import {
  type EightPatient,
  type Imputation,
  Imputer,
  type MatchProbability,
  eightPatient,
  matchProbability,
  overallEight,
} from "../matching/probability/index.js";
import type { Store } from "../store/connect.js";
import type { ListingKind, SearchSort } from "./constants.js";
import {
  type PopulationUsed,
  loadFrequencySet,
  populationNamed,
  resolvePopulation,
  setLoci,
} from "./frequencies.js";
import { type StoredImputation, imputeOrExplain, storedImputations } from "./imputations.js";
import type { HitProbability, SearchProbability } from "./schemas.js";

/** The patient's genotypes taken (the core sums pairs of at most MATCH_GENOTYPES of each side). */
const PATIENT_GENOTYPES = 2000;

const imputers = new Map<string, Imputer>();
async function imputerFor(store: Store, engine: HlaEngine, setId: string): Promise<Imputer> {
  const key = `${setId} ${engine.release.version}`;
  let i = imputers.get(key);
  if (!i) {
    i = new Imputer(engine, await loadFrequencySet(store, engine, setId));
    imputers.set(key, i);
  }
  return i;
}

export interface ProbabilityAsk {
  population?: string | undefined;
  patientMrn?: string | undefined;
  sortBy: SearchSort;
  minP8?: number | undefined;
  minPLe1?: number | undefined;
  minPLe4?: number | undefined;
}

/** Whether the search must compute every candidate's probability (a sort or a filter by one). */
export const needsEveryCandidate = (a: ProbabilityAsk) =>
  a.sortBy !== "grade" || a.minP8 !== undefined || a.minPLe1 !== undefined || a.minPLe4 !== undefined;

const sum = (xs: readonly number[], upTo: number) => xs.slice(0, upTo + 1).reduce((s, x) => s + x, 0);

/** P(8/8), P(≤ 1 of 8), P(≤ 4 of 8) from P(0 … 4 mismatches of 8) (−1 when not imputed). */
export function keyOf(eight: readonly number[] | null, sortBy: SearchSort): number {
  if (!eight) return -1;
  if (sortBy === "pLe1") return sum(eight, 1);
  if (sortBy === "pLe4") return sum(eight, 4);
  return eight[0] ?? 0;
}

function hitProbability(m: MatchProbability, unrepresented: boolean, reason: string | null): HitProbability {
  const loci: Record<string, number[]> = {};
  for (const [l, v] of Object.entries(m.loci)) if (v) loci[l] = [...v];
  return { overall: m.overall, loci, category: m.category, unrepresented, reason };
}

/** The patient imputed once for a search, against the set its population resolves to. */
export interface PatientProbability {
  used: Omit<PopulationUsed, "via"> & { via: string };
  imputer: Imputer;
  patient: Imputation;
  eight: EightPatient;
  ask: ProbabilityAsk;
}

/**
 * The patient's side of a search's probabilities, or undefined when no population has a set (and none
 * was needed: a sort or filter by probability, or a named population, without a set is refused).
 */
export async function patientProbability(
  store: Store,
  engine: HlaEngine,
  patientTyping: string,
  kind: ListingKind,
  ask: ProbabilityAsk,
): Promise<PatientProbability | undefined> {
  const used = ask.population
    ? { ...(await populationNamed(store.db, ask.population)), via: "request" }
    : await resolvePopulation(
        store.db,
        ask.patientMrn ? { scope: "patient", subject: ask.patientMrn } : undefined,
      );
  if (!used) {
    if (needsEveryCandidate(ask)) {
      throw new CradleError(
        "FREQUENCY_SET_NOT_FOUND",
        `sortBy ${ask.sortBy}: match probabilities need a frequency set; none is imported for the patient's population, the default or the global fallback`,
        { field: "sortBy", value: ask.sortBy },
      );
    }
    return undefined;
  }
  if (ask.sortBy === "pLe4" && kind !== "cord") {
    throw new CradleError("INVALID_INPUT", "sortBy pLe4: P(≤ 4 mismatches) with cell dose ranks cord units", {
      field: "sortBy",
      value: ask.sortBy,
    });
  }
  const imputer = await imputerFor(store, engine, used.setId);
  const patient = imputeOrExplain(imputer, patientTyping, PATIENT_GENOTYPES);
  return { used, imputer, patient, eight: eightPatient(engine, imputer.set.loci, patient), ask };
}

/** A candidate's stored imputation when it was made with the current release and a set of the same loci. */
async function usable(
  store: Store,
  pp: PatientProbability,
  kind: ListingKind,
  ids: readonly string[],
): Promise<Map<string, StoredImputation | null>> {
  const stored = await storedImputations(store, kind, ids);
  const lociOf = await setLoci(store.db, [...new Set([...stored.values()].map((s) => s.setId))]);
  const wanted = JSON.stringify(pp.imputer.set.loci);
  const release = pp.imputer.engine.release.version;
  const out = new Map<string, StoredImputation | null>();
  for (const id of ids) {
    const d = stored.get(id);
    out.set(id, d && d.hlaRelease === release && lociOf.get(d.setId) === wanted ? d : null);
  }
  return out;
}

export interface Eights {
  summary: Omit<SearchProbability, "beforeFilter">;
  /** P(0 … 4 mismatches of 8) of each candidate, null when not imputed. */
  byId: Map<string, number[] | null>;
}

/** Every candidate's P(0 … 4 of 8), for a sort or a filter, and the search's summary of them. */
export async function eightsFor(
  store: Store,
  pp: PatientProbability,
  kind: ListingKind,
  ids: readonly string[],
): Promise<Eights> {
  return each(store, pp, kind, ids, (d) => overallEight(pp.eight, d));
}

/** Each candidate's answer by `of`, null when not imputed, with the summary of them. */
async function each<T>(
  store: Store,
  pp: PatientProbability,
  kind: ListingKind,
  ids: readonly string[],
  of: (d: StoredImputation) => T,
): Promise<{ summary: Omit<SearchProbability, "beforeFilter">; byId: Map<string, T | null> }> {
  const byId = new Map<string, T | null>();
  let unrepresented = 0;
  let notImputed = 0;
  for (const [id, d] of await usable(store, pp, kind, ids)) {
    if (!d) {
      notImputed++;
      byId.set(id, null);
      continue;
    }
    if (d.unrepresented) unrepresented++;
    byId.set(id, of(d));
  }
  return { summary: summaryOf(pp, ids.length, unrepresented, notImputed), byId };
}

function summaryOf(
  pp: PatientProbability,
  n: number,
  unrepresented: number,
  notImputed: number,
): Omit<SearchProbability, "beforeFilter"> {
  const computed = n - notImputed;
  return {
    population: pp.used.population,
    version: pp.used.version,
    via: pp.used.via,
    sortBy: pp.ask.sortBy,
    patient: { unrepresented: pp.patient.unrepresented, reason: pp.patient.reason },
    computed,
    unrepresented,
    unrepresentedShare: computed > 0 ? unrepresented / computed : 0,
    notImputed,
  };
}

export interface Probabilities {
  summary: Omit<SearchProbability, "beforeFilter">;
  byId: Map<string, HitProbability | null>;
}

/** The whole answer (6/6, 8/8, 10/10, per locus, category) for some candidates: a page's. */
export async function probabilitiesFor(
  store: Store,
  pp: PatientProbability,
  kind: ListingKind,
  ids: readonly string[],
): Promise<Probabilities> {
  const { engine, set } = pp.imputer;
  return each(store, pp, kind, ids, (d) =>
    hitProbability(matchProbability(engine, set.loci, pp.patient, d), d.unrepresented, d.reason),
  );
}

/** Whether a candidate passes the probability filters (one without a probability passes none). */
export function passes(eight: readonly number[] | null, a: ProbabilityAsk): boolean {
  if (a.minP8 === undefined && a.minPLe1 === undefined && a.minPLe4 === undefined) return true;
  if (!eight) return false;
  return (
    (a.minP8 === undefined || (eight[0] ?? 0) >= a.minP8) &&
    (a.minPLe1 === undefined || sum(eight, 1) >= a.minPLe1) &&
    (a.minPLe4 === undefined || sum(eight, 4) >= a.minPLe4)
  );
}
