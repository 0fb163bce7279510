import { check } from "../contract/validate.js";
/**
 * Searching the stored listings: the index is loaded from the database once and kept in step with
 * imports; a search's page is completed with what the database holds about each listing (cord age,
 * accreditation, red cell depletion, segments become flags, as in the cord selection guidelines).
 */
import type { HlaEngine } from "../hla/index.js";
import { DEFAULT_MAX_AGE_YEARS } from "../matching/cord-ranking.js";
import { allZero, scoresOf } from "../matching/ranking-weights.js";
import type { ScanPool } from "../matching/scan-pool.js";
import { SearchIndex } from "../matching/search-index.js";
import { reasonFor } from "../matching/search-reasons.js";
import { gradeSlots, search } from "../matching/search.js";
import type { Store } from "../store/connect.js";
import type { ListingKind } from "./constants.js";
import {
  type RowError,
  changesSince,
  countListings,
  deleteListing,
  listingHead,
  saveListing,
  toListing,
} from "./listings.js";
import { type ReportPatients, registeredOrRefuse } from "./patients.js";
import { siteRankingWeights } from "./ranking.js";
import {
  type CordUnit,
  type HitProbability,
  type Listing,
  type ListingHit,
  type ListingSearchResult,
  type SearchProbability,
  SearchRequestSchema,
} from "./schemas.js";
import {
  type ProbabilityAsk,
  eightsFor,
  keyOf,
  needsEveryCandidate,
  passes,
  patientProbability,
  probabilitiesFor,
} from "./search-probability.js";

export type { ListingHit, ListingSearchResult } from "./schemas.js";

/** Reads every listing into a new index; `onProgress` hears the number loaded so far. */
export async function loadIndex(
  store: Store,
  engine: HlaEngine,
  onProgress?: (loaded: number) => void,
): Promise<SearchIndex> {
  const counts = await countListings(store);
  const index = new SearchIndex(engine, Math.max(1024, counts.adult + counts.cord));
  let n = 0;
  // Only what the index holds is read, streamed as arrays (millions of rows: no object per row).
  for await (const rows of store.streamRows("select id, typing from adult_donor")) {
    for (const [id, typing] of rows)
      index.upsertNew({ id: id as string, kind: "adult", typing: typing as string });
    n += rows.length;
    onProgress?.(n);
  }
  for await (const rows of store.streamRows("select id, typing, tnc, cd34 from cord_unit")) {
    for (const [id, typing, tnc, cd34] of rows) {
      index.upsertNew({
        id: id as string,
        kind: "cord",
        typing: typing as string,
        tnc: Number(tnc),
        cd34: cd34 === null ? null : Number(cd34),
      });
    }
    n += rows.length;
    onProgress?.(n);
  }
  index.prepare();
  return index;
}

/** Saves a listing and brings the index in step, without a rebuild. */
export async function saveAndIndex(
  store: Store,
  index: SearchIndex,
  record: Record<string, unknown>,
  kind?: ListingKind,
): Promise<{ listing: Listing } | { errors: RowError[] }> {
  const r = await saveListing(store, index.engine, record, kind);
  if ("listing" in r) addToIndex(index, r.listing);
  return r;
}

/** Deletes a listing from the database and the index. */
export async function deleteAndUnindex(
  store: Store,
  index: SearchIndex,
  kind: ListingKind,
  id: string,
): Promise<boolean> {
  const gone = await deleteListing(store, kind, id);
  index.remove(id);
  return gone;
}

/**
 * Keeps an index in step with listings written by other processes (a `cradle registry import`, a second
 * server on the same database): every `intervalMs` it reads the listing head and, when it moved, applies
 * only the listings changed since (saved or replaced: upserted; deleted: removed). A failed poll is
 * logged and tried again at the next interval; it never throws. Start it from the head read before the
 * index was loaded (`indexHead`), so a write committed during the load is applied again, not lost.
 */
export class IndexFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private seq: number;

  constructor(
    private readonly store: Store,
    private readonly index: SearchIndex,
    options: { fromSeq: number; intervalMs?: number; log?: (message: string) => void },
  ) {
    this.seq = options.fromSeq;
    this.intervalMs = options.intervalMs ?? 2000;
    this.log = options.log ?? ((m) => console.error(m));
  }

  private readonly intervalMs: number;
  private readonly log: (message: string) => void;

  /** The listing change the index reflects. */
  get at(): number {
    return this.seq;
  }

  start(): this {
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look at the head; applies what changed. Resolves when done, also when the look failed. */
  poll(): Promise<void> {
    this.running ??= this.apply()
      .catch((e: unknown) => {
        this.log(`search index: reading listing changes failed, trying again: ${(e as Error).message ?? e}`);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async apply(): Promise<void> {
    const head = await listingHead(this.store);
    if (head <= this.seq) return;
    for (const c of await changesSince(this.store, this.seq, head)) {
      if (c.listing) addToIndex(this.index, c.listing);
      else this.index.remove(c.id);
    }
    this.seq = head;
  }
}

/** The last listing change's number: read it before loading an index, then follow from it. */
export function indexHead(store: Store): Promise<number> {
  return listingHead(store);
}

export function addToIndex(index: SearchIndex, l: Listing): void {
  if (l.kind === "cord") index.upsert({ id: l.id, kind: "cord", typing: l.typing, tnc: l.tnc, cd34: l.cd34 });
  else index.upsert({ id: l.id, kind: "adult", typing: l.typing });
}

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

function cordFlags(c: CordUnit, now: Date): string[] {
  const flags: string[] = [];
  const age = (now.getTime() - Date.parse(c.collectedAt)) / YEAR_MS;
  if (age > DEFAULT_MAX_AGE_YEARS)
    flags.push(`collected ${age.toFixed(1)} years ago (more than ${DEFAULT_MAX_AGE_YEARS})`);
  if (!c.accredited) flags.push("bank not accredited");
  if (!c.rbcDepleted) flags.push("red cells not depleted");
  if (c.attachedSegments < 1) flags.push("no attached segment for confirmatory typing");
  return flags;
}

/**
 * Searches the index and completes the page from the database: each hit with its listing, its flags and
 * the reason for its place. The request is checked against SearchRequestSchema first (HTTP and CLI alike).
 * `now` dates the flags.
 */
export async function searchListings(
  store: Store,
  index: SearchIndex,
  request: unknown,
  options: {
    now: Date;
    pool?: ScanPool;
    /** The registered patient the search is for (a report's, already checked). */
    patientMrn?: string;
    /** A live search for a patient, as asked: checked here against the registry. */
    forPatient?: { mrnText: string; patients: ReportPatients };
  },
): Promise<ListingSearchResult> {
  const checked = check(SearchRequestSchema, request);
  const { population, sortBy = "grade", minP8, minPLe1, minPLe4, ...criteria } = checked;
  // The patient's own population choice is read only for a baby who is registered: an unknown MRN is
  // refused, never searched under the default population as if it were someone else's.
  const patientMrn = options.forPatient
    ? await registeredOrRefuse(
        store.db,
        options.forPatient.patients,
        options.forPatient.mrnText,
        "patient",
        "a search for a patient reads the population chosen on her record",
      )
    : options.patientMrn;
  const ask: ProbabilityAsk = { population, patientMrn, sortBy, minP8, minPLe1, minPLe4 };
  const every = needsEveryCandidate(ask);
  const weights = await siteRankingWeights(store);
  const weighted = !allZero(weights);
  const result = await search(
    index,
    { ...criteria, ...(every ? { everyCandidate: true } : {}), ...(weighted ? { weights } : {}) },
    options.pool,
  );
  const loci = criteria.loci ?? 8;
  let probability: SearchProbability | undefined;
  let byId = new Map<string, HitProbability | null>();
  let graded = result.hits;
  let total = result.total;
  const pp = await patientProbability(store, index.engine, criteria.patientTyping, criteria.kind, ask);
  if (pp && every) {
    // Every candidate within the limits gets its P(0 … 4 of 8), for the sort and the filters; the page
    // then gets the whole answer.
    const candidates = result.candidates as { ids: string[]; slots: number[] };
    const eights = await eightsFor(store, pp, criteria.kind, candidates.ids);
    // By the probability, best first; then (cords, P(≤ 4)) the larger TNC; then the grade's own order.
    const order = candidates.slots
      .map((slot, rank) => ({ slot, rank, eight: eights.byId.get(candidates.ids[rank] as string) ?? null }))
      .filter((c) => passes(c.eight, ask));
    order.sort(
      (a, b) =>
        keyOf(b.eight, sortBy) - keyOf(a.eight, sortBy) ||
        (sortBy === "pLe4" ? (index.tnc[b.slot] as number) - (index.tnc[a.slot] as number) : 0) ||
        a.rank - b.rank,
    );
    const offset = criteria.offset ?? 0;
    const page = order.slice(offset, offset + (criteria.limit ?? 20)).map((c) => c.slot);
    graded = gradeSlots(index, criteria, page, offset + 1);
    byId = (
      await probabilitiesFor(
        store,
        pp,
        criteria.kind,
        graded.map((h) => h.id),
      )
    ).byId;
    total = order.length;
    probability = { ...eights.summary, beforeFilter: candidates.ids.length };
  } else if (pp) {
    const p = await probabilitiesFor(
      store,
      pp,
      criteria.kind,
      result.hits.map((h) => h.id),
    );
    byId = p.byId;
    probability = { ...p.summary, beforeFilter: result.total };
  }
  const ids = graded.map((h) => h.id);
  const byListing = new Map<string, Listing>();
  if (ids.length > 0) {
    // The page's rows, read by id; listings of one kind only.
    for await (const l of pageListings(store, criteria.kind, ids)) byListing.set(l.id, l);
  }
  const hits: ListingHit[] = graded.flatMap((h) => {
    const listing = byListing.get(h.id);
    if (!listing) return []; // removed from the database since the index was read
    const p = probability ? (byId.get(h.id) ?? null) : undefined;
    const scores = weighted ? scoresOf(h.grade, weights, loci) : undefined;
    const why = reasonFor(h, loci, criteria.kind, scores);
    return [
      {
        ...h,
        listing,
        flags: listing.kind === "cord" ? cordFlags(listing, options.now) : [],
        reason: p && sortBy !== "grade" ? `${probabilityReason(p, sortBy)}; ${why}` : why,
        ...(p !== undefined ? { probability: p } : {}),
        ...(scores ? { scores } : {}),
      },
    ];
  });
  const { candidates: _, ...rest } = result;
  return {
    ...rest,
    total,
    hits,
    ...(probability ? { probability } : {}),
    ...(weighted ? { rankingWeights: weights } : {}),
  };
}

const SORT_TEXT = { grade: "", p8: "P(8/8)", pLe1: "P(≤1 of 8 mismatched)", pLe4: "P(≤4 of 8 mismatched)" };

/** The probability a place was sorted by, first in its reason. */
function probabilityReason(
  p: HitProbability | null,
  sortBy: Exclude<keyof typeof SORT_TEXT, "grade">,
): string {
  return p
    ? `${SORT_TEXT[sortBy]} ${keyOf(p.overall["8"], sortBy).toFixed(3)}`
    : `${SORT_TEXT[sortBy]} unknown (not imputed)`;
}

async function* pageListings(store: Store, kind: "adult" | "cord", ids: string[]): AsyncGenerator<Listing> {
  const rows =
    kind === "adult"
      ? await store.db.selectFrom("adultDonor").selectAll().where("id", "in", ids).execute()
      : await store.db.selectFrom("cordUnit").selectAll().where("id", "in", ids).execute();
  for (const r of rows) yield toListing(kind, r as unknown as Record<string, unknown>);
}
