/**
 * The inventory as the server pages it: every product's list entry in memory, newest first, each
 * serialized once, and kept in lists by status and by source too, so a page of any filter is a slice of
 * ready bytes, never a database read.
 *
 * It follows the audit trail, which every product change appends to in its own transaction (entity
 * "product", the product's id). A bank write in this process is seen at the next read; a write by
 * another process (the CLI, another server on PostgreSQL) within `pollMs`, when the view reads the trail's
 * head again. Either way only the products the trail names since the last look are read back.
 */
import { auditCount, changedSince } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import { writeCount } from "../store/write.js";
import { type CheckedFilter, type Product, checkFilter, productsById } from "./products.js";
import type { Given, ProductFilter } from "./schemas.js";

interface Entry {
  id: string;
  createdAt: string;
  status: string;
  source: string;
  din: string;
  /** The product as listProducts gives it, UTF-8 JSON. */
  json: Buffer;
}

/** More changes than this since the last look: read everything again rather than by id. */
const RELOAD_ABOVE = 2_000;

/** Newest first, then by id descending: the order listProducts reads from the database. */
function before(a: Entry, b: Entry): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

function entryOf(p: Product): Entry {
  return {
    id: p.id,
    createdAt: p.createdAt,
    status: p.status,
    source: p.source,
    din: p.din,
    json: Buffer.from(JSON.stringify(p)),
  };
}

/** Entries in the inventory's order. */
class Ordered {
  readonly items: Entry[] = [];

  /** Where an entry stands (or would stand): the first entry not before it. */
  private indexOf(e: Entry): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.items[mid] as Entry, e)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(e: Entry): void {
    this.items.splice(this.indexOf(e), 0, e);
  }

  remove(e: Entry): void {
    const i = this.indexOf(e);
    if (this.items[i] === e) this.items.splice(i, 1);
  }
}

/** First pages kept between changes, one per filter asked. */
const FIRST_PAGES_KEPT = 200;
const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(",");

export class InventoryView {
  private all = new Ordered();
  private byStatus = new Map<string, Ordered>();
  private bySource = new Map<string, Ordered>();
  private readonly byId = new Map<string, Entry>();
  private readonly firstPages = new Map<string, Buffer>();
  /** The audit sequence number the entries reflect; -1 before the first load. */
  private seq = -1;
  private seenVersion = -1;
  private lookedAt = 0;
  private refreshing: Promise<void> | undefined;
  private readonly pollMs: number;

  constructor(
    private readonly store: Store,
    options: { pollMs?: number } = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
  }

  /**
   * A page as the UTF-8 JSON of `{"items": [...], "total": n}`, the same as listProducts gives. First
   * pages, which most requests ask for, are kept until the entries next change; keeping every page a
   * client asks for cost more than building it again (bench/api: the garbage of thousands of kept pages).
   */
  async page(filter: Given<ProductFilter> = {}): Promise<Buffer> {
    const f = checkFilter(filter);
    await this.fresh();
    if (f.offset !== 0) return this.render(f);
    const key = `${f.limit} ${f.status ?? ""} ${f.source ?? ""} ${f.dinPrefix ?? ""}`;
    let body = this.firstPages.get(key);
    if (!body) {
      body = this.render(f);
      if (this.firstPages.size >= FIRST_PAGES_KEPT) this.firstPages.clear();
      this.firstPages.set(key, body);
    }
    return body;
  }

  private render(f: CheckedFilter): Buffer {
    // The narrowest list that answers the filter; what it does not answer is checked entry by entry.
    const list =
      f.status !== undefined
        ? this.byStatus.get(f.status)
        : f.source !== undefined
          ? this.bySource.get(f.source)
          : this.all;
    const items = list?.items ?? [];
    const rest = (e: Entry) =>
      (f.status === undefined || f.source === undefined || e.source === f.source) &&
      (f.dinPrefix === undefined || e.din.startsWith(f.dinPrefix));
    const whole = (f.status === undefined || f.source === undefined) && f.dinPrefix === undefined;
    const parts: Buffer[] = [OPEN];
    let total = 0;
    if (whole) {
      total = items.length;
      const end = Math.min(total, f.offset + f.limit);
      for (let i = f.offset; i < end; i++) {
        if (i > f.offset) parts.push(COMMA);
        parts.push((items[i] as Entry).json);
      }
    } else {
      const last = f.offset + f.limit;
      for (const e of items) {
        if (!rest(e)) continue;
        if (total >= f.offset && total < last) {
          if (total > f.offset) parts.push(COMMA);
          parts.push(e.json);
        }
        total++;
      }
    }
    parts.push(Buffer.from(`],"total":${total}}`));
    return Buffer.concat(parts);
  }

  /** Brings the entries up to date when a write here, or the poll interval, says they may be behind. */
  private async fresh(): Promise<void> {
    if (this.seq >= 0 && this.seenVersion === writeCount() && Date.now() - this.lookedAt < this.pollMs) {
      return;
    }
    // One refresh at a time; readers arriving meanwhile wait for it rather than start their own.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  private async refresh(): Promise<void> {
    const version = writeCount();
    // The head first: a change committed after it is read at the next look, even if its rows are read now.
    const head = await auditCount(this.store);
    if (this.seq < 0 || head - this.seq > RELOAD_ABOVE) {
      const products = await productsById(this.store);
      this.all = new Ordered();
      this.byStatus.clear();
      this.bySource.clear();
      this.byId.clear();
      // Sorted once and appended: every list stays in order without a search per entry.
      const entries = products.map(entryOf).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      for (const e of entries) {
        for (const l of this.listsOf(e)) l.items.push(e);
        this.byId.set(e.id, e);
      }
    } else if (head > this.seq) {
      const ids = await changedSince(this.store, "product", this.seq, head);
      const found = new Map((await productsById(this.store, ids)).map((p) => [p.id, p]));
      for (const id of ids) {
        this.remove(id);
        const p = found.get(id);
        if (p) this.insert(entryOf(p));
      }
    }
    if (head !== this.seq) this.firstPages.clear();
    this.seq = head;
    this.seenVersion = version;
    this.lookedAt = Date.now();
  }

  private listsOf(e: Entry): Ordered[] {
    const list = (m: Map<string, Ordered>, key: string) => {
      let l = m.get(key);
      if (!l) {
        l = new Ordered();
        m.set(key, l);
      }
      return l;
    };
    return [this.all, list(this.byStatus, e.status), list(this.bySource, e.source)];
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    for (const l of this.listsOf(old)) l.remove(old);
    this.byId.delete(id);
  }

  private insert(e: Entry): void {
    for (const l of this.listsOf(e)) l.insert(e);
    this.byId.set(e.id, e);
  }
}
