/**
 * Haplotype frequency sets in the database (issue 17): imported by population and version, with their source
 * and the IMGT/HLA release they were read with; the population each scope uses (a patient, a registry or bank
 * of listings, the registry's default, the global fallback); and reading a stored set back into the pure
 * probability core. The rows are kept as the file wrote them, so a set is read again against a new release.
 */
import { createHash } from "node:crypto";
import type { Act } from "../accounts/act.js";
import { requireRole } from "../accounts/users.js";
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { type HaplotypeFrequencySet, parseFrequencySet } from "../matching/probability/index.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import {
  FrequencyImportSchema,
  type FrequencySetInfo,
  type PopulationChoice,
  PopulationChoiceInputSchema,
  type PopulationScope,
  type PopulationUsed,
} from "./frequency-schemas.js";
import { SEARCH_ROLES } from "./report-roles.js";

export type { FrequencySetInfo, PopulationChoice, PopulationUsed } from "./frequency-schemas.js";

type Db = Store["db"] | Tx;

/** Who the patients are (therapy's registry, handed in by the face; the shape reports.ts asks too). */
export interface PopulationPatients {
  registered(tx: Db, mrnText: string): Promise<string | undefined>;
}

const HEADER = /^haplo/i;
const ROWS_PER_INSERT = 1000;

function toInfo(r: Database["frequencySet"]): FrequencySetInfo {
  return {
    id: r.id,
    population: r.population,
    version: r.version,
    source: r.source,
    hlaRelease: r.hlaRelease,
    resolution: r.resolution,
    loci: JSON.parse(r.loci) as string[],
    haplotypes: Number(r.haplotypes),
    rows: Number(r.rows),
    sha256: r.sha256,
    importedAt: r.importedAt,
    importedBy: r.importedBy,
  };
}

/**
 * Imports a frequency set: every row is checked against the release by the probability core first (a bad
 * row refuses the whole file, each named by line and reason, and nothing is written; the refusal is audited);
 * a population's version is imported once (FREQUENCY_SET_EXISTS).
 */
export async function importFrequencySet(
  store: Store,
  engine: HlaEngine,
  act: Act,
  meta: unknown,
  text: string,
): Promise<FrequencySetInfo> {
  requireRole(act.user, SEARCH_ROLES.frequencies, "import haplotype frequency sets");
  const m = check(FrequencyImportSchema, meta);
  let set: HaplotypeFrequencySet;
  try {
    set = parseFrequencySet(text, engine, { population: m.population, source: m.source });
  } catch (e) {
    if (e instanceof CradleError) {
      await write(store, (tx) =>
        appendAudit(tx, {
          actor: act.user.username,
          action: "frequencies.import.refused",
          entityType: "frequency-set",
          entityId: `${m.population}/${m.version}`,
          after: { reason: e.message.slice(0, 1000) },
          at: act.at,
        }),
      );
    }
    throw e;
  }
  const rows: { line: number; haplotype: string; count: string; freq: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t === "" || (i === 0 && HEADER.test(t))) return;
    const [haplotype = "", count = "", freq = ""] = t.split(",").map((c) => c.trim());
    rows.push({ line: i + 1, haplotype, count, freq });
  });
  const info: FrequencySetInfo = {
    id: crypto.randomUUID(),
    population: m.population,
    version: m.version,
    source: m.source,
    hlaRelease: engine.release.version,
    resolution: set.resolution,
    loci: [...set.loci],
    haplotypes: set.size,
    rows: rows.length,
    sha256: createHash("sha256").update(text).digest("hex"),
    importedAt: act.at.toISOString(),
    importedBy: act.user.username,
  };
  return write(store, async (tx) => {
    const existing = await tx
      .selectFrom("frequencySet")
      .select("id")
      .where("population", "=", m.population)
      .where("version", "=", m.version)
      .executeTakeFirst();
    if (existing) {
      throw new CradleError(
        "FREQUENCY_SET_EXISTS",
        `population ${m.population} version ${m.version}: already imported; give the new set a new version`,
        { field: "version", value: m.version },
      );
    }
    await tx
      .insertInto("frequencySet")
      .values({ ...info, loci: JSON.stringify(info.loci) })
      .execute();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await tx
        .insertInto("frequencyHaplotype")
        .values(rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ setId: info.id, ...r })))
        .execute();
    }
    await appendAudit(tx, {
      actor: act.user.username,
      action: "frequencies.import",
      entityType: "frequency-set",
      entityId: info.id,
      after: {
        population: info.population,
        version: info.version,
        source: info.source,
        hlaRelease: info.hlaRelease,
        haplotypes: info.haplotypes,
        sha256: info.sha256,
      },
      at: act.at,
    });
    return info;
  });
}

/** Every imported set, by population and newest first. */
export async function listFrequencySets(store: Store, act: Pick<Act, "user">): Promise<FrequencySetInfo[]> {
  requireRole(act.user, SEARCH_ROLES.readFrequencies, "list haplotype frequency sets");
  const rows = await store.db
    .selectFrom("frequencySet")
    .selectAll()
    .orderBy("population")
    .orderBy("importedAt", "desc")
    .orderBy("version", "desc")
    .execute();
  return rows.map(toInfo);
}

/** The set a population uses now: its latest import. */
async function currentSet(db: Db, population: string): Promise<Database["frequencySet"] | undefined> {
  return db
    .selectFrom("frequencySet")
    .selectAll()
    .where("population", "=", population)
    .orderBy("importedAt", "desc")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Sets the population a scope uses. The population must have an imported set; a registry, bank or patient
 * scope names its subject (a patient must be registered), the default and the global fallback name none.
 */
export async function choosePopulation(
  store: Store,
  act: Act,
  input: unknown,
  patients?: PopulationPatients,
): Promise<PopulationChoice> {
  requireRole(act.user, SEARCH_ROLES.frequencies, "choose the population of frequencies");
  const c = check(PopulationChoiceInputSchema, input);
  const subjectText = (c.subject ?? "").trim();
  const general = c.scope === "default" || c.scope === "global";
  if (general && subjectText !== "") {
    throw new CradleError(
      "INVALID_INPUT",
      `subject "${subjectText}": the ${c.scope} population has no subject`,
      {
        field: "subject",
        value: subjectText,
      },
    );
  }
  if (!general && subjectText === "") {
    throw new CradleError("INVALID_INPUT", `subject: a ${c.scope} population names its ${c.scope}`, {
      field: "subject",
      value: "",
    });
  }
  return write(store, async (tx) => {
    let subject = subjectText;
    if (c.scope === "patient") {
      const mrn = patients ? await patients.registered(tx, subjectText) : undefined;
      if (mrn === undefined) {
        throw new CradleError(
          "PATIENT_NOT_FOUND",
          `subject "${subjectText}": no registered patient has this MRN`,
          {
            field: "subject",
            value: subjectText,
          },
        );
      }
      subject = mrn;
    }
    if (!(await currentSet(tx, c.population))) {
      throw new CradleError(
        "FREQUENCY_SET_NOT_FOUND",
        `population ${c.population}: no frequency set of this population is imported`,
        { field: "population", value: c.population },
      );
    }
    const before = await tx
      .selectFrom("populationChoice")
      .select("population")
      .where("scope", "=", c.scope)
      .where("subject", "=", subject)
      .executeTakeFirst();
    const row = {
      scope: c.scope,
      subject,
      population: c.population,
      chosenAt: act.at.toISOString(),
      chosenBy: act.user.username,
    };
    await tx
      .insertInto("populationChoice")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["scope", "subject"]).doUpdateSet({
          population: row.population,
          chosenAt: row.chosenAt,
          chosenBy: row.chosenBy,
        }),
      )
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "frequencies.population.choose",
      entityType: "population-choice",
      entityId: `${c.scope}:${subject}`,
      before: before ? { population: before.population } : undefined,
      after: { population: c.population },
      at: act.at,
    });
    return { ...row, scope: c.scope };
  });
}

/** Every population choice. */
export async function populationChoices(store: Store, act: Pick<Act, "user">): Promise<PopulationChoice[]> {
  requireRole(act.user, SEARCH_ROLES.readFrequencies, "read population choices");
  const rows = await store.db
    .selectFrom("populationChoice")
    .selectAll()
    .orderBy("scope")
    .orderBy("subject")
    .execute();
  return rows.map((r) => ({ ...r, scope: r.scope as PopulationScope }));
}

/**
 * The population a subject uses: its own choice (a patient, a registry, a bank), then the registry's
 * default, then the global fallback; undefined when none has an imported set.
 */
export async function resolvePopulation(
  db: Db,
  own: { scope: "registry" | "bank" | "patient"; subject: string } | undefined,
): Promise<PopulationUsed | undefined> {
  const chain: { scope: PopulationScope; subject: string }[] = [
    ...(own ? [own] : []),
    { scope: "default", subject: "" },
    { scope: "global", subject: "" },
  ];
  for (const { scope, subject } of chain) {
    const choice = await db
      .selectFrom("populationChoice")
      .select("population")
      .where("scope", "=", scope)
      .where("subject", "=", subject)
      .executeTakeFirst();
    if (!choice) continue;
    const set = await currentSet(db, choice.population);
    if (set) return { population: set.population, version: set.version, setId: set.id, via: scope };
  }
  return undefined;
}

const loadedSets = new Map<string, Promise<HaplotypeFrequencySet>>();

/** A stored set read into the probability core against this engine's release (sets never change: kept). */
export function loadFrequencySet(
  store: Store,
  engine: HlaEngine,
  setId: string,
): Promise<HaplotypeFrequencySet> {
  const key = `${setId} ${engine.release.version}`;
  let p = loadedSets.get(key);
  if (!p) {
    p = (async () => {
      const info = await store.db
        .selectFrom("frequencySet")
        .selectAll()
        .where("id", "=", setId)
        .executeTakeFirst();
      if (!info) {
        throw new CradleError(
          "FREQUENCY_SET_NOT_FOUND",
          `set ${setId}: no frequency set has this identifier`,
          {
            field: "setId",
            value: setId,
          },
        );
      }
      const lines: string[] = [];
      for await (const rows of store.streamRows(
        `select haplotype, count, freq from frequency_haplotype where set_id = '${setId.replace(/'/g, "''")}' order by line`,
      )) {
        for (const [h, c, f] of rows) lines.push(`${h},${c},${f}`);
      }
      return parseFrequencySet(lines, engine, { population: info.population, source: info.source });
    })();
    p.catch(() => loadedSets.delete(key));
    loadedSets.set(key, p);
  }
  return p;
}

/** A population named by a request: its current set, or FREQUENCY_SET_NOT_FOUND. */
export async function populationNamed(db: Db, population: string): Promise<Omit<PopulationUsed, "via">> {
  const set = await currentSet(db, population);
  if (!set) {
    throw new CradleError(
      "FREQUENCY_SET_NOT_FOUND",
      `population ${population}: no frequency set of this population is imported`,
      { field: "population", value: population },
    );
  }
  return { population: set.population, version: set.version, setId: set.id };
}

/** The loci of some sets, by id (a listing's stored imputation is read only against a set of the same loci). */
export async function setLoci(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("frequencySet")
    .select(["id", "loci"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.loci]));
}
