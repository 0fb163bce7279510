/**
 * A string → string table that looks a key up by its range inside a longer string, so reducing a GL string
 * needs no substring per token: the hot path of every search. Open addressing with linear probing over an
 * Int32Array of slots; keys and values live in plain arrays. A `Map` would need a fresh substring (and its
 * hash) for each lookup, which profiling showed to be most of the time spent on a warm GL string.
 */

const EMPTY = 0;

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A number that orders single molecular names as `compareNames` does (fields compared numerically, at most
 * four, missing ones as 0, suffixes ignored): f1·10¹² + f2·10⁸ + f3·10⁴ + f4. NaN for anything else (allele
 * lists, serology, a field over 9999), which callers then compare as `compareNames` does.
 */
export function sortKey(name: string): number {
  const star = name.indexOf("*");
  if (star < 0 || name.indexOf(":") < 0 || name.indexOf("/") >= 0) return Number.NaN;
  let key = 0;
  let field = 0;
  let n = 0;
  let inDigits = true;
  for (let i = star + 1; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 58;
    if (c === 58) {
      if (n > 9999 || field > 3) return Number.NaN;
      key = key * 10_000 + n;
      field++;
      n = 0;
      inDigits = true;
    } else if (c >= 48 && c <= 57 && inDigits) n = n * 10 + c - 48;
    else inDigits = false; // a suffix ends the field's number
  }
  for (; field < 4; field++) key *= 10_000;
  return key;
}

export class TokenTable {
  private slots = new Int32Array(1 << 12);
  private keys: string[] = [];
  private values: string[] = [];
  /** Each value's sort key when it is one molecular name (see `sortKey`), else NaN. */
  private orders: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The entry of text[start, end), or -1. */
  findRange(text: string, start: number, end: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    let i = hashRange(text, start, end) & mask;
    for (;;) {
      const k = this.slots[i] as number;
      if (k === EMPTY) return -1;
      const key = this.keys[k - 1] as string;
      if (key.length === length && text.startsWith(key, start)) return k - 1;
      i = (i + 1) & mask;
    }
  }

  value(entry: number): string {
    return this.values[entry] as string;
  }

  /** The sort key of an entry's value: NaN unless it is one molecular name (then see `sortKey`). */
  order(entry: number): number {
    return this.orders[entry] as number;
  }

  get(key: string): string | undefined {
    const e = this.findRange(key, 0, key.length);
    return e < 0 ? undefined : this.values[e];
  }

  set(key: string, value: string): void {
    const mask = this.slots.length - 1;
    let i = hashRange(key, 0, key.length) & mask;
    for (;;) {
      const k = this.slots[i] as number;
      if (k === EMPTY) break;
      if (this.keys[k - 1] === key) {
        this.values[k - 1] = value;
        this.orders[k - 1] = sortKey(value);
        return;
      }
      i = (i + 1) & mask;
    }
    this.keys.push(key);
    this.values.push(value);
    this.orders.push(sortKey(value));
    this.slots[i] = this.keys.length;
    if (this.keys.length * 2 > this.slots.length) this.grow();
  }

  clear(): void {
    this.slots = new Int32Array(1 << 12);
    this.keys = [];
    this.values = [];
    this.orders = [];
  }

  /** Doubles the slots, keeping the load under one half so probes stay short. */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k] as string;
      let i = hashRange(key, 0, key.length) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = k + 1;
    }
    this.slots = slots;
  }
}
