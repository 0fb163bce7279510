/**
 * Listings typed with genotype alternatives ("|") in a search. Each combination of a listing's
 * alternatives is scored as a listing of its own by the scan kernel; the listing then ranks and counts once,
 * by its best combination, as its page grade (gradeLocus: the best alternative) reads it. Ranked by its
 * first alternative, a listing that matches in another was placed below worse ones or missed.
 *
 * A donor-specific antibody or a dose floor rules the listing out as a whole: an antigen carried by any of
 * its alternatives may be the one it has, so no alternative is picked to escape it.
 */
import type { ScanInput, ScanOutput } from "./scan-kernel.js";
import { mergeScans, scanKernel } from "./scan-pool.js";
import type { AlternativeRows } from "./search-index.js";

/** Bit 5 of a position code: the position carries an antigen of the patient's antibodies (scan-kernel.ts). */
const ANTIBODY = 32;

/**
 * The main scan's output with the listings that have genotype alternatives merged in; `scan` runs the
 * kernel (on the worker pool when the rows are many).
 */
export async function withAlternatives(
  input: ScanInput,
  main: ScanOutput,
  rows: AlternativeRows,
  scan: (input: ScanInput) => ScanOutput | Promise<ScanOutput> = scanKernel,
): Promise<ScanOutput> {
  if (rows.count === 0) return main;
  const { slots: _, ...rest } = input;
  // Scored on match alone (antibodies and dose are the listing's, checked below): every row, best first.
  const scored = await scan({
    ...rest,
    positions: rows.positions,
    kinds: rows.kinds,
    tnc: rows.tnc,
    cd34: rows.cd34,
    start: 0,
    end: rows.count,
    codes: input.codes.map((c) => c.map((x) => x & ~ANTIBODY)),
    tncFloor: 0,
    cd34Floor: 0,
    keep: rows.count,
  });
  const ruledOut = ruledOutOwners(input, rows);
  const classCounts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let excluded = 0;
  const slots: number[] = [];
  const keys: number[] = [];
  const mismatches: number[] = [];
  const seen = new Set<number>();
  scored.slots.forEach((row, i) => {
    const owner = rows.owner[row] as number;
    if (seen.has(owner)) return; // a worse combination of a listing already placed
    seen.add(owner);
    if (ruledOut.has(owner)) {
      excluded++;
      return;
    }
    const mm = scored.mismatches[i] as number;
    classCounts[mm] = (classCounts[mm] as number) + 1;
    slots.push(owner);
    keys.push(scored.keys[i] as number);
    mismatches.push(mm);
  });
  return mergeScans([main, { classCounts, excluded, slots, keys, mismatches }], input.keep);
}

/** Owners left out by an antibody in any of their combinations, or (cords) by a dose floor. */
function ruledOutOwners(input: ScanInput, rows: AlternativeRows): Set<number> {
  const out = new Set<number>();
  const stride = input.codes.length * 2;
  for (let r = 0; r < rows.count; r++) {
    const owner = rows.owner[r] as number;
    if (out.has(owner)) continue;
    if (input.wantKind === 1) {
      const tncPerKg = (rows.tnc[r] as number) / input.weightKg;
      const cd = rows.cd34[r] as number;
      if (tncPerKg < input.tncFloor || (!Number.isNaN(cd) && cd / input.weightKg < input.cd34Floor)) {
        out.add(owner);
        continue;
      }
    }
    input.codes.forEach((code, l) => {
      if (!input.typedLoci[l]) return;
      const t1 = rows.positions[r * stride + 2 * l] as number;
      const t2 = rows.positions[r * stride + 2 * l + 1] as number;
      if (t1 === 0 || t2 === 0) return;
      if (((code[t1] as number) | (code[t2] as number)) & ANTIBODY) out.add(owner);
    });
  }
  return out;
}
