/**
 * The search index: every listing in memory as typed arrays. Each distinct position typing of a locus
 * ("A*01:01", "A*02:AB", "A24") is interned once and graded once per search; listings are then scored
 * from their position ids by the scan kernel, on worker threads over slices. Listings can be added,
 * replaced and removed without a rebuild. Pure: no database, no clock.
 */
import type { HlaEngine } from "../hla/index.js";
import type { Release } from "../hla/release.js";
import { type PositionFacts, positionFacts } from "./grade.js";
import { PositionLookup } from "./position-lookup.js";
import type { ScanOutput } from "./scan-kernel.js";
import { typingByLocus } from "./typing.js";

import { INDEX_LOCI, type IndexKind } from "./constants.js";

/** Loci the index holds (constants.ts), in the order of its arrays; EIGHT and DQB1 index into them. */
export { INDEX_LOCI, type IndexKind } from "./constants.js";
export const EIGHT = [0, 1, 2, 4];
export const DQB1 = 3;
const STRIDE = INDEX_LOCI.length * 2;

export const KIND_CODE: Readonly<Record<IndexKind, number>> = { adult: 0, cord: 1 };
const DELETED = 255;
/**
 * Added to a kind's code for a listing typed with genotype alternatives ("|"): the scan of the typed
 * arrays skips it, and `alternatives` lays out each combination of its alternatives for a scan of its own
 * (search-alternatives.ts), so it ranks and counts by its best alternative, as its page grade does.
 */
const WITH_ALTERNATIVES = 2;

/** Every combination of some listings' genotype alternatives, as scan arrays; `owner` is each row's slot. */
export interface AlternativeRows {
  positions: Uint32Array;
  kinds: Uint8Array;
  tnc: Float64Array;
  cd34: Float64Array;
  owner: Uint32Array;
  count: number;
}

/** A listing's position ids by locus: [a, b] for one genotype, [a1, b1, a2, b2, …] for alternatives. */
type LocusIds = number[][];

export interface IndexListing {
  id: string;
  kind: IndexKind;
  typing: string;
  /** Cords: total nucleated and CD34+ cells (CD34+ may be unknown). */
  tnc?: number;
  cd34?: number | null;
}

/** One locus's distinct position typings: id 0 is "untyped". */
class LocusDictionary {
  readonly ids = new Map<string, number>();
  readonly typings: string[] = [""];
  facts: (PositionFacts | undefined)[] = [undefined];
  lookup: PositionLookup;

  constructor(release: Release) {
    this.lookup = new PositionLookup(release);
  }

  intern(typing: string): number {
    let id = this.ids.get(typing);
    if (id === undefined) {
      id = this.typings.length;
      this.typings.push(typing);
      this.ids.set(typing, id);
    }
    return id;
  }
}

/** Growable storage on SharedArrayBuffers, so worker threads read the same memory. */
function sharedU32(n: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(n * 4));
}
function sharedU16(n: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(n * 2));
}

/** Position ids: 16 bits while every locus has fewer than 65,536 distinct typings (half the memory a scan reads). */
export type PositionArray = Uint16Array | Uint32Array;
const U16_LIMIT = 0xffff;
function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}
function sharedU8(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(n));
}

/**
 * The last scans of an index, by what decided them: a search's next page, or the same search asked again
 * (by another user, or a page reloaded), reuses its scan. All are dropped when the index changes.
 */
export class ScanCache {
  private readonly scans = new Map<string, ScanOutput>();
  private version = -1;

  constructor(
    private readonly index: { readonly version: number },
    private readonly max = 64,
  ) {}

  /** A scan for this key that holds the best `need` results (or every result there is). */
  get(key: string, need: number): ScanOutput | undefined {
    if (this.version !== this.index.version) {
      this.scans.clear();
      this.version = this.index.version;
    }
    const out = this.scans.get(key);
    if (!out) return undefined;
    const total = out.classCounts.reduce((a, b) => a + b, 0);
    if (out.slots.length < need && out.slots.length < total) return undefined;
    this.scans.delete(key); // most recently used last
    this.scans.set(key, out);
    return out;
  }

  set(key: string, out: ScanOutput): void {
    if (this.version !== this.index.version) {
      this.scans.clear();
      this.version = this.index.version;
    }
    if (this.scans.size >= this.max) this.scans.delete(this.scans.keys().next().value as string);
    this.scans.set(key, out);
  }
}

export class SearchIndex {
  readonly dictionaries: LocusDictionary[];
  positions: PositionArray;
  kinds: Uint8Array;
  tnc: Float64Array;
  cd34: Float64Array;
  ids: string[] = [];
  /** Slots in use (deleted ones included until reused). */
  size = 0;
  /**
   * Per kind, every slot that has ever held a listing of that kind, in the order first used: a cord search
   * scans the cords' list, not the adults around them. A slot freed and reused stays listed; the scan
   * checks each slot's kind, so a stale entry costs a read, never a wrong answer.
   */
  kindSlots: [Uint32Array, Uint32Array];
  kindSlotCount: [number, number] = [0, 0];
  private listed: Uint8Array;
  /** Changes with every insert, replacement and removal: what a cache of search results keys on. */
  version = 0;
  readonly scans = new ScanCache(this);
  private slotOf: Map<string, number> | undefined;
  private freeSlots: number[] = [];
  private live = { adult: 0, cord: 0 };
  /** Listings with genotype alternatives, by slot: their position ids by locus. */
  private readonly withAlternatives = new Map<number, LocusIds>();
  private alternativeRows: [AlternativeRows | undefined, AlternativeRows | undefined] = [
    undefined,
    undefined,
  ];

  constructor(
    readonly engine: HlaEngine,
    capacity = 1024,
  ) {
    this.positions = sharedU16(capacity * STRIDE);
    this.kinds = sharedU8(capacity);
    this.tnc = sharedF64(capacity);
    this.cd34 = sharedF64(capacity);
    this.dictionaries = INDEX_LOCI.map(() => new LocusDictionary(engine.release));
    this.kindSlots = [sharedU32(capacity), sharedU32(capacity)];
    this.listed = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.kinds.length;
  }

  count(kind: IndexKind): number {
    return this.live[kind];
  }

  private grow(min: number): void {
    let cap = this.capacity;
    while (cap < min) cap *= 2;
    const positions =
      this.positions instanceof Uint16Array ? sharedU16(cap * STRIDE) : sharedU32(cap * STRIDE);
    positions.set(this.positions);
    const kinds = sharedU8(cap);
    kinds.set(this.kinds);
    const tnc = sharedF64(cap);
    tnc.set(this.tnc);
    const cd34 = sharedF64(cap);
    cd34.set(this.cd34);
    this.positions = positions;
    this.kinds = kinds;
    this.tnc = tnc;
    this.cd34 = cd34;
    const listed = new Uint8Array(cap);
    listed.set(this.listed);
    this.listed = listed;
  }

  /** Lists a slot under its kind once. */
  private list(slot: number, kind: number): void {
    const bit = 1 << kind;
    if ((this.listed[slot] as number) & bit) return;
    this.listed[slot] = (this.listed[slot] as number) | bit;
    let slots = this.kindSlots[kind] as Uint32Array;
    const n = this.kindSlotCount[kind] as number;
    if (n >= slots.length) {
      const wider = sharedU32(slots.length * 2);
      wider.set(slots);
      slots = wider;
      this.kindSlots[kind] = slots;
    }
    slots[n] = slot;
    this.kindSlotCount[kind] = n + 1;
  }

  /**
   * Position ids of a typing, by INDEX_LOCI, and with genotype alternatives each locus's distinct ones.
   * Registries' usual shape, loci of "x+y" ("A*01:01+A*02:AB^B*…"), is read without the GL parser: an index
   * load reads millions. Anything else goes through typingByLocus.
   */
  private positionIds(typing: string): { ids: number[]; alternatives?: LocusIds } {
    const fast = this.fastPositionIds(typing);
    if (fast) return { ids: fast };
    const loci = typingByLocus(typing, this.engine.release);
    const byLocus: LocusIds = INDEX_LOCI.map((locus, l) => {
      const pairs: number[] = [];
      const seen = new Set<string>();
      for (const g of loci.get(locus)?.genotypes ?? []) {
        const a = this.intern(l, g[0]);
        const b = this.intern(l, g[1]);
        const key = a < b ? `${a} ${b}` : `${b} ${a}`; // "x+y" and "y+x" are one genotype
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push(a, b);
      }
      return pairs.length > 0 ? pairs : [0, 0];
    });
    const ids = byLocus.flatMap((pairs) => pairs.slice(0, 2));
    return byLocus.some((pairs) => pairs.length > 2) ? { ids, alternatives: byLocus } : { ids };
  }

  private fastPositionIds(typing: string): number[] | undefined {
    if (
      typing.indexOf("|") >= 0 ||
      typing.indexOf("~") >= 0 ||
      typing.indexOf("/") >= 0 ||
      typing.startsWith("HLA-")
    ) {
      return undefined;
    }
    const out = new Array<number>(STRIDE).fill(0);
    let start = 0;
    while (start <= typing.length) {
      let end = typing.indexOf("^", start);
      if (end < 0) end = typing.length;
      const plus = typing.indexOf("+", start);
      if (
        plus <= start ||
        plus >= end - 1 ||
        (typing.indexOf("+", plus + 1) < end && typing.indexOf("+", plus + 1) >= 0)
      ) {
        return undefined;
      }
      const a = typing.slice(start, plus);
      const b = typing.slice(plus + 1, end);
      const locus = this.locusOf(a);
      if (locus === undefined || locus !== this.locusOf(b)) return undefined;
      const l = (INDEX_LOCI as readonly string[]).indexOf(locus);
      if (l >= 0) {
        if (out[2 * l] !== 0) return undefined; // a locus typed twice: let the full reader say so
        out[2 * l] = this.intern(l, a);
        out[2 * l + 1] = this.intern(l, b);
      }
      start = end + 1;
    }
    return out;
  }

  private readonly serologyLoci = new Map<string, string | undefined>();

  /** "A*01:AB" → "A"; "DQ2" → "DQB1" (serology, through the release, remembered). */
  private locusOf(token: string): string | undefined {
    const star = token.indexOf("*");
    if (star > 0) return token.slice(0, star);
    if (!this.serologyLoci.has(token)) {
      const release = this.engine.release;
      this.serologyLoci.set(token, release.isSerology(token) ? release.serologyLocus(token) : undefined);
    }
    return this.serologyLoci.get(token);
  }

  /** Writes position ids straight in (for generators that already interned them). */
  addInterned(
    id: string,
    kind: IndexKind,
    ids: ArrayLike<number>,
    tnc = 0,
    cd34 = Number.NaN,
    alternatives?: LocusIds,
  ): number {
    const slot = this.freeSlots.pop() ?? this.size++;
    if (slot >= this.capacity) this.grow(slot + 1);
    this.positions.set(ids, slot * STRIDE);
    this.kinds[slot] = KIND_CODE[kind] + (alternatives ? WITH_ALTERNATIVES : 0);
    if (alternatives) {
      this.withAlternatives.set(slot, alternatives);
      this.alternativeRows[KIND_CODE[kind]] = undefined;
    }
    this.tnc[slot] = tnc;
    this.cd34[slot] = cd34;
    this.ids[slot] = id;
    this.slotOf?.set(id, slot);
    this.live[kind]++;
    this.list(slot, KIND_CODE[kind]);
    this.version++;
    return slot;
  }

  /** Adds a listing, or replaces the one with the same id. */
  upsert(listing: IndexListing): void {
    if (this.slotsById().has(listing.id)) this.remove(listing.id);
    this.add(listing);
  }

  private add(listing: IndexListing): void {
    const { ids, alternatives } = this.positionIds(listing.typing);
    this.addInterned(
      listing.id,
      listing.kind,
      ids,
      listing.tnc ?? 0,
      listing.cd34 ?? Number.NaN,
      alternatives,
    );
  }

  /** The id of a position typing at locus index l, interning it when new. */
  intern(l: number, typing: string): number {
    const id = (this.dictionaries[l] as LocusDictionary).intern(typing);
    if (id > U16_LIMIT && this.positions instanceof Uint16Array) this.widen();
    return id;
  }

  /** Moves position ids to 32 bits, once a locus has more distinct typings than 16 bits hold. */
  private widen(): void {
    const wide = sharedU32(this.positions.length);
    wide.set(this.positions);
    this.positions = wide;
  }

  /** Adds a listing known to be new (an index load): no lookup of its id. */
  upsertNew(listing: IndexListing): void {
    this.add(listing);
  }

  /** Removes a listing; returns whether it was there. */
  remove(id: string): boolean {
    const slots = this.slotsById();
    const slot = slots.get(id);
    if (slot === undefined) return false;
    const code = (this.kinds[slot] as number) % WITH_ALTERNATIVES;
    const kind = code === KIND_CODE.cord ? "cord" : "adult";
    if (this.withAlternatives.delete(slot)) this.alternativeRows[code] = undefined;
    this.kinds[slot] = DELETED;
    this.live[kind]--;
    slots.delete(id);
    this.freeSlots.push(slot);
    this.version++;
    return true;
  }

  /** Id → slot, built on first need: a bulk load of millions does not pay for it. */
  private slotsById(): Map<string, number> {
    if (!this.slotOf) {
      const m = new Map<string, number>();
      for (let s = 0; s < this.size; s++) if (this.kinds[s] !== DELETED) m.set(this.ids[s] as string, s);
      this.slotOf = m;
    }
    return this.slotOf;
  }

  /** The stored typing of a slot, rebuilt from its position ids (for details of a page of results). */
  typingOf(slot: number): string {
    const alternatives = this.withAlternatives.get(slot);
    if (alternatives) {
      return INDEX_LOCI.flatMap((_, l) => {
        const pairs = alternatives[l] as number[];
        if (pairs[0] === 0) return [];
        const typings = (this.dictionaries[l] as LocusDictionary).typings;
        const genotypes: string[] = [];
        for (let i = 0; i < pairs.length; i += 2)
          genotypes.push(`${typings[pairs[i] as number]}+${typings[pairs[i + 1] as number]}`);
        return [genotypes.join("|")];
      }).join("^");
    }
    const parts: string[] = [];
    INDEX_LOCI.forEach((_, l) => {
      const a = this.positions[slot * STRIDE + 2 * l] as number;
      const b = this.positions[slot * STRIDE + 2 * l + 1] as number;
      if (a === 0 || b === 0) return;
      const dict = this.dictionaries[l] as LocusDictionary;
      parts.push(`${dict.typings[a]}+${dict.typings[b]}`);
    });
    return parts.join("^");
  }

  /**
   * Every combination of the genotype alternatives of the listings of a kind that have them, one row
   * each, laid out as the scan reads listings; built when first asked for after a change to them.
   */
  alternatives(kind: IndexKind): AlternativeRows {
    const code = KIND_CODE[kind];
    const built = this.alternativeRows[code];
    if (built) return built;
    const rows: { owner: number; ids: number[] }[] = [];
    for (const [slot, byLocus] of this.withAlternatives) {
      if (this.kinds[slot] !== code + WITH_ALTERNATIVES) continue;
      let combos: number[][] = [[]];
      for (const pairs of byLocus) {
        const next: number[][] = [];
        for (const c of combos)
          for (let i = 0; i < pairs.length; i += 2)
            next.push([...c, pairs[i] as number, pairs[i + 1] as number]);
        combos = next;
      }
      for (const ids of combos) rows.push({ owner: slot, ids });
    }
    const out: AlternativeRows = {
      positions: new Uint32Array(rows.length * STRIDE),
      kinds: new Uint8Array(rows.length).fill(code),
      tnc: new Float64Array(rows.length),
      cd34: new Float64Array(rows.length),
      owner: new Uint32Array(rows.length),
      count: rows.length,
    };
    rows.forEach((r, i) => {
      out.positions.set(r.ids, i * STRIDE);
      out.tnc[i] = this.tnc[r.owner] as number;
      out.cd34[i] = this.cd34[r.owner] as number;
      out.owner[i] = r.owner;
    });
    this.alternativeRows[code] = out;
    return out;
  }

  /** Facts of every interned position (computed once, when first needed or by `prepare`). */
  facts(l: number): (PositionFacts | undefined)[] {
    const dict = this.dictionaries[l] as LocusDictionary;
    for (let id = dict.facts.length; id < dict.typings.length; id++) {
      const f = positionFacts(this.engine, dict.typings[id] as string);
      dict.facts[id] = f;
      dict.lookup.add(id, f);
    }
    return dict.facts;
  }

  /** Locus l's typings by what they stand for, every interned typing included. */
  lookup(l: number): PositionLookup {
    this.facts(l);
    return (this.dictionaries[l] as LocusDictionary).lookup;
  }

  /** Computes position facts for every locus now, so the first search does not. */
  prepare(): void {
    INDEX_LOCI.forEach((_, l) => this.facts(l));
  }

  distinctPositions(): number[] {
    return this.dictionaries.map((d) => d.typings.length - 1);
  }
}
