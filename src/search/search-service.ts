import { check } from "../contract/validate.js";
/**
 * Searching the stored listings: the index is loaded from the database once and kept in step with
 * imports; a search's page is completed with what the database holds about each listing (cord age,
 * accreditation, red cell depletion, segments become flags, as in the cord selection guidelines).
 */
import type { HlaEngine } from "../hla/index.js";
import { DEFAULT_MAX_AGE_YEARS } from "../matching/cord-ranking.js";
import type { ScanPool } from "../matching/scan-pool.js";
import { SearchIndex } from "../matching/search-index.js";
import { reasonFor } from "../matching/search-reasons.js";
import { search } from "../matching/search.js";
import type { Store } from "../store/connect.js";
import type { ListingKind } from "./constants.js";
import { type RowError, countListings, deleteListing, saveListing, toListing } from "./listings.js";
import {
  type CordUnit,
  type Listing,
  type ListingHit,
  type ListingSearchResult,
  SearchRequestSchema,
} from "./schemas.js";

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
  options: { now: Date; pool?: ScanPool },
): Promise<ListingSearchResult> {
  const criteria = check(SearchRequestSchema, request);
  const result = await search(index, criteria, options.pool);
  const loci = criteria.loci ?? 8;
  const ids = result.hits.map((h) => h.id);
  const byId = new Map<string, Listing>();
  if (ids.length > 0) {
    // The page's rows, read by id; listings of one kind only.
    for await (const l of pageListings(store, criteria.kind, ids)) byId.set(l.id, l);
  }
  const hits: ListingHit[] = result.hits.flatMap((h) => {
    const listing = byId.get(h.id);
    if (!listing) return []; // removed from the database since the index was read
    return [
      {
        ...h,
        listing,
        flags: listing.kind === "cord" ? cordFlags(listing, options.now) : [],
        reason: reasonFor(h, loci, criteria.kind),
      },
    ];
  });
  return { ...result, hits };
}

async function* pageListings(store: Store, kind: "adult" | "cord", ids: string[]): AsyncGenerator<Listing> {
  const rows =
    kind === "adult"
      ? await store.db.selectFrom("adultDonor").selectAll().where("id", "in", ids).execute()
      : await store.db.selectFrom("cordUnit").selectAll().where("id", "in", ids).execute();
  for (const r of rows) yield toListing(kind, r as unknown as Record<string, unknown>);
}
