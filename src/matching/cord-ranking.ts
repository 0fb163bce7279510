/**
 * Ranking cord blood units for a patient, after the published cord selection guidelines (ASTCT/Eurocord,
 * NMDP): exclude units below the cell dose floors or carrying an antigen the patient has donor-specific
 * antibodies against; order by HLA (fewer allele mismatches of 8, then the 6-class), prefer
 * graft-versus-host-only over host-versus-graft-only mismatches (Stevens et al., Blood 2011), then TNC/kg,
 * then CD34+/kg; flag (not exclude) old units, unaccredited banks, red cells not depleted, no attached
 * segment. Every unit gets a plain reason for its place or its exclusion. Pure: the clock is passed in.
 */
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { type Dose, cellDose, scientific } from "./dose.js";
import { type Grade, type PositionFacts, gradeTypings, positionFacts } from "./grade.js";
import { typingByLocus } from "./typing.js";

import { DIRECTIONS, type Diagnosis, type Direction } from "./constants.js";

export { DIRECTIONS, type Diagnosis, type Direction } from "./constants.js";

export interface CordUnit {
  id: string;
  /** GL string of the unit's typing. */
  typing: string;
  /** Total nucleated cells (cryopreserved count). */
  tnc: number;
  /** CD34+ cells, when counted. */
  cd34?: number | undefined;
  /** ISO 8601 date of collection. */
  collectedAt: string;
  accredited: boolean;
  rbcDepleted: boolean;
  attachedSegments: number;
}

export interface CordPatient {
  typing: string;
  weightGrams: number;
  diagnosis: Diagnosis;
  /** Donor-specific antibody specificities: antigens ("A2", "B44", "DR4") or alleles ("A*02:01"). */
  antibodies?: readonly string[];
}

export interface CordRankingOptions {
  /** The moment the ranking is made, for unit age (pure: no clock is read). */
  now: Date;
  /** TNC/kg floors by diagnosis; defaults 2.5×10^7 (malignant) and 5×10^7 (nonmalignant). */
  tncFloor?: Partial<Record<Diagnosis, number>>;
  /** Units with a counted CD34+/kg below this are excluded; default 1.5×10^5. */
  cd34Floor?: number;
  /** Units collected more than this many years ago are flagged; default 10. */
  maxAgeYears?: number;
  /** Expected post-thaw recovery applied to the counts; default 1 (none). */
  recovery?: number;
}

export const DEFAULT_TNC_FLOOR: Readonly<Record<Diagnosis, number>> = { malignant: 2.5e7, nonmalignant: 5e7 };
export const DEFAULT_CD34_FLOOR = 1.5e5;
export const DEFAULT_MAX_AGE_YEARS = 10;

export interface RankedCord {
  rank: number;
  unit: CordUnit;
  grade: Grade;
  dose: Dose;
  direction: Direction;
  flags: string[];
  reason: string;
}

export interface ExcludedCord {
  unit: CordUnit;
  reasons: string[];
}

export interface CordRanking {
  ranked: RankedCord[];
  excluded: ExcludedCord[];
}

function directionOf(g: Grade): Direction {
  const { gvh8, hvg8 } = g.summary;
  if (gvh8 === 0 && hvg8 === 0) return "none";
  if (hvg8 === 0) return "gvh-only";
  if (gvh8 === 0) return "hvg-only";
  return "bidirectional";
}

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

function ageYears(unit: CordUnit, now: Date): number {
  const t = Date.parse(unit.collectedAt);
  if (Number.isNaN(t)) {
    throw new CradleError(
      "INVALID_INPUT",
      `unit ${unit.id}: collectedAt "${unit.collectedAt}" is not an ISO 8601 date`,
      { field: "collectedAt", value: unit.collectedAt, unit: unit.id },
    );
  }
  return (now.getTime() - t) / YEAR_MS;
}

/** The unit's antigens and alleles an antibody could bind: what it carries, or may carry when ambiguous. */
function carries(engine: HlaEngine, positions: PositionFacts[], antibody: string): boolean {
  const release = engine.release;
  if (antibody.includes("*")) {
    const target = positionFacts(engine, antibody).proteins;
    return positions.some((p) => [...p.proteins].some((x) => target.has(x)));
  }
  const a = release.parentAntigen(antibody);
  const broad = release.broadOf(a);
  return positions.some((p) =>
    [...p.carried].some((x) => x === a || release.broadOf(x) === a || (broad !== undefined && x === broad)),
  );
}

function unitPositions(engine: HlaEngine, typing: string): PositionFacts[] {
  const out: PositionFacts[] = [];
  for (const locus of typingByLocus(typing, engine.release).values()) {
    for (const g of locus.genotypes) for (const p of g) out.push(positionFacts(engine, p));
  }
  return out;
}

/** Compares two candidates by the guideline order; negative when `a` ranks first. */
function compare(a: RankedCord, b: RankedCord): number {
  return (
    a.grade.summary.mismatches8 - b.grade.summary.mismatches8 ||
    b.grade.summary.cord6 - a.grade.summary.cord6 ||
    DIRECTIONS.indexOf(a.direction) - DIRECTIONS.indexOf(b.direction) ||
    b.dose.tncPerKg - a.dose.tncPerKg ||
    (b.dose.cd34PerKg ?? -1) - (a.dose.cd34PerKg ?? -1) ||
    (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0)
  );
}

const perKg = (n: number | undefined) => (n === undefined ? "not counted" : `${scientific(n)}/kg`);

function summaryText(c: RankedCord): string {
  const s = c.grade.summary;
  const mm = s.mismatches8 === 1 ? "1 mismatch" : `${s.mismatches8} mismatches`;
  const dir = c.direction === "none" ? "" : `, ${c.direction.replace("-", " ")}`;
  return (
    `${s.text} at allele level (${mm}${dir}), ${s.cord6}/6 cord class, ` +
    `TNC ${perKg(c.dose.tncPerKg)}, CD34+ ${perKg(c.dose.cd34PerKg)}`
  );
}

/** Why `cur` sits below `prev`: the first rule that tells them apart. */
function placeReason(prev: RankedCord, cur: RankedCord): string {
  const p = prev.grade.summary;
  const c = cur.grade.summary;
  if (c.mismatches8 !== p.mismatches8) {
    return `more allele mismatches of 8 than #${prev.rank} (${c.mismatches8} vs ${p.mismatches8})`;
  }
  if (c.cord6 !== p.cord6) return `lower cord class than #${prev.rank} (${c.cord6}/6 vs ${p.cord6}/6)`;
  if (cur.direction !== prev.direction) {
    return `same HLA as #${prev.rank}, but ${cur.direction} mismatch ranks after ${prev.direction}`;
  }
  if (cur.dose.tncPerKg !== prev.dose.tncPerKg) {
    return `same HLA as #${prev.rank}, lower TNC/kg (${perKg(cur.dose.tncPerKg)} vs ${perKg(prev.dose.tncPerKg)})`;
  }
  if (cur.dose.cd34PerKg !== prev.dose.cd34PerKg) {
    return `same HLA and TNC/kg as #${prev.rank}, lower CD34+/kg (${perKg(cur.dose.cd34PerKg)} vs ${perKg(prev.dose.cd34PerKg)})`;
  }
  return `ties #${prev.rank} on every rule; listed by unit id`;
}

export function rankCords(
  engine: HlaEngine,
  patient: CordPatient,
  units: readonly CordUnit[],
  options: CordRankingOptions,
): CordRanking {
  const floor = { ...DEFAULT_TNC_FLOOR, ...options.tncFloor }[patient.diagnosis];
  const cd34Floor = options.cd34Floor ?? DEFAULT_CD34_FLOOR;
  const maxAge = options.maxAgeYears ?? DEFAULT_MAX_AGE_YEARS;
  const candidates: RankedCord[] = [];
  const excluded: ExcludedCord[] = [];

  for (const unit of units) {
    const dose = cellDose({
      tnc: unit.tnc,
      cd34: unit.cd34,
      weightGrams: patient.weightGrams,
      recovery: options.recovery,
    });
    const reasons: string[] = [];
    if (dose.tncPerKg < floor) {
      reasons.push(`TNC ${perKg(dose.tncPerKg)} is below the ${patient.diagnosis} floor of ${perKg(floor)}`);
    }
    if (dose.cd34PerKg !== undefined && dose.cd34PerKg < cd34Floor) {
      reasons.push(`CD34+ ${perKg(dose.cd34PerKg)} is below the floor of ${perKg(cd34Floor)}`);
    }
    const antibodies = patient.antibodies ?? [];
    if (antibodies.length > 0) {
      const positions = unitPositions(engine, unit.typing);
      const hit = antibodies.filter((ab) => carries(engine, positions, ab));
      if (hit.length > 0)
        reasons.push(`carries or may carry ${hit.join(", ")}, against which the patient has antibodies`);
    }
    if (reasons.length > 0) {
      excluded.push({ unit, reasons });
      continue;
    }
    const grade = gradeTypings(engine, patient.typing, unit.typing);
    const flags: string[] = [];
    const age = ageYears(unit, options.now);
    if (age > maxAge) flags.push(`collected ${age.toFixed(1)} years ago (more than ${maxAge})`);
    if (!unit.accredited) flags.push("bank not accredited");
    if (!unit.rbcDepleted) flags.push("red cells not depleted");
    if (unit.attachedSegments < 1) flags.push("no attached segment for confirmatory typing");
    candidates.push({ rank: 0, unit, grade, dose, direction: directionOf(grade), flags, reason: "" });
  }

  candidates.sort(compare);
  candidates.forEach((c, i) => {
    c.rank = i + 1;
    const prev = candidates[i - 1];
    c.reason = `${summaryText(c)}; ${prev ? placeReason(prev, c) : "first by the guideline order"}`;
  });
  return { ranked: candidates, excluded };
}
