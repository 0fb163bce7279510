/**
 * The inner loop of a search: scores a slice of listings from typed arrays. Self-contained on purpose: it
 * runs on the main thread and, as source text (`scanKernel.toString()`), inside worker threads, so it may
 * use nothing outside its own body.
 *
 * Per locus, `codes[l][positionId]` holds what a search computed for each distinct position typing:
 *   bit 0 allele match with patient position 1, bit 1 with position 2,
 *   bit 2 antigen match with position 1, bit 3 with position 2,
 *   bit 4 the position is null (not expressed), bit 5 it carries an antigen of the patient's antibodies.
 * Position id 0 means untyped.
 *
 * With a site's ranking weights (`scores`), each listing's grade and confidence scores order it within its
 * built-in class (see the key below); the locus orientation they are read in is the one
 * grading picks (more allele matches, then antigen matches, then the higher confidence).
 */

/**
 * Per locus, at [2 × id + k], what position typing `id` scores against patient position k (0 or 1):
 * the grade weight (as typed) and the confidence weight and rank (3 definite … 0 mismatch; of the
 * expressed positions). Built by positionScores in search.ts.
 */
export interface PositionScores {
  grade: Int8Array[];
  confidence: Int8Array[];
  rank: Uint8Array[];
  /** What a counted locus either side leaves untyped adds: two Unknown grades, two potential confidences. */
  untypedGrade: number;
  untypedConfidence: number;
}

export interface ScanInput {
  /** Listings × loci × 2 position ids (loci in INDEX_LOCI order); 16 or 32 bits. */
  positions: Uint16Array | Uint32Array;
  /** 0 adult, 1 cord; 255 deleted. */
  kinds: Uint8Array;
  /** Cord TNC and CD34+ (NaN: not counted); adults 0. */
  tnc: Float64Array;
  cd34: Float64Array;
  /** What to scan: slots [start, end), or, with `slots`, the slots listed at [start, end) of it. */
  start: number;
  end: number;
  slots?: Uint32Array;
  codes: Uint8Array[];
  /** Loci the patient is typed at; the others count as untyped for every listing. */
  typedLoci: boolean[];
  /** Index of each counted locus in INDEX_LOCI: A, B, C, DRB1 for the 8; DQB1 separately. */
  eight: number[];
  dqb1: number;
  wantKind: number;
  maxMismatches: number;
  /** Count DQB1 with the eight (mismatches of 10) for the limit, the classes and the order. */
  countDqb1: boolean;
  /** Per-locus mismatch limits (-1: none), by INDEX_LOCI index. */
  maxPerLocus: number[];
  /** Cords: TNC/kg and CD34+/kg floors and the patient's weight in kg. */
  tncFloor: number;
  cd34Floor: number;
  weightKg: number;
  /** How many best results to keep. */
  keep: number;
  /** The site's ranking weights, when any is not zero. */
  scores?: PositionScores;
}

export interface ScanOutput {
  /** Listings within the limits by allele mismatches of 8, or of 10 (index = mismatches). */
  classCounts: number[];
  /** Listings left out by a dose floor or an antibody. */
  excluded: number;
  /** Best `keep` listings: slot and key, best (lowest key) first. */
  slots: number[];
  keys: number[];
  /** Allele mismatches (of 8, or of 10) of each kept listing, as `slots`. */
  mismatches: number[];
}

export function scanKernel(input: ScanInput): ScanOutput {
  const { positions, kinds, tnc, cd34, codes, eight, dqb1, maxPerLocus } = input;
  const nLoci = codes.length;
  const stride = nLoci * 2;
  const classCounts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let excluded = 0;
  // A max-heap of the best `keep` (key, slot) pairs (worst on top), in parallel arrays. Ties of key go
  // to the lower slot, so the kept set is the same whatever order the slots are scanned in.
  const heapKeys: number[] = [];
  const heapSlots: number[] = [];
  const heapMm: number[] = [];
  const keep = input.keep;
  const after = (i: number, key: number, slot: number) => {
    const k = heapKeys[i] as number;
    return k > key || (k === key && (heapSlots[i] as number) > slot);
  };
  const push = (key: number, slot: number, mm: number) => {
    if (heapKeys.length < keep) {
      heapKeys.push(key);
      heapSlots.push(slot);
      heapMm.push(mm);
      let i = heapKeys.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (after(p, key, slot)) break;
        heapKeys[i] = heapKeys[p] as number;
        heapSlots[i] = heapSlots[p] as number;
        heapMm[i] = heapMm[p] as number;
        i = p;
      }
      heapKeys[i] = key;
      heapSlots[i] = slot;
      heapMm[i] = mm;
      return;
    }
    if (keep === 0 || !after(0, key, slot)) return;
    let i = 0;
    const n = heapKeys.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && after(r, heapKeys[l] as number, heapSlots[l] as number) ? r : l;
      if (!after(c, key, slot)) break;
      heapKeys[i] = heapKeys[c] as number;
      heapSlots[i] = heapSlots[c] as number;
      heapMm[i] = heapMm[c] as number;
      i = c;
    }
    heapKeys[i] = key;
    heapSlots[i] = slot;
    heapMm[i] = mm;
  };

  const isCord = input.wantKind === 1;
  // Everything a locus contributes, for every pair of position codes: one table read per locus.
  // bits 0-1 allele matches, 2-3 antigen matches (allele included), 4-5 GvH, 6-7 HvG, 8 antibody.
  const pair = new Uint16Array(64 * 64);
  for (let x = 0; x < 64; x++) {
    for (let y = 0; y < 64; y++) {
      let a = x;
      let b = y;
      // A null position is not expressed: grade the locus as homozygous for the other one.
      if (a & 16 && !(b & 16)) a = b;
      else if (b & 16 && !(a & 16)) b = a;
      const allele = Math.max((a & 1) + ((b >> 1) & 1), ((a >> 1) & 1) + (b & 1));
      const antigen = Math.max(((a >> 2) & 1) + ((b >> 3) & 1), ((a >> 3) & 1) + ((b >> 2) & 1), allele);
      // GvH: patient positions no donor position matches; HvG: donor positions no patient position matches.
      const gvh = ((a | b) & 1 ? 0 : 1) + ((a | b) & 2 ? 0 : 1);
      const hvg = (a & 3 ? 0 : 1) + (b & 3 ? 0 : 1);
      pair[(x << 6) | y] = allele | (antigen << 2) | (gvh << 4) | (hvg << 6) | ((x | y) & 32 ? 256 : 0);
    }
  }
  // Per locus, its role: 1 one of the eight, 2 DQB1, 0 neither; and what it adds to the cord class
  // (A and B at antigen level 1, DRB1 at allele level 2). Read from typed arrays in the loop below.
  const role = new Uint8Array(nLoci);
  const cordLevel = new Uint8Array(nLoci);
  for (const l of eight) role[l] = 1;
  role[dqb1] = 2;
  const [lA, lB, , lDrb1] = eight;
  cordLevel[lA as number] = 1;
  cordLevel[lB as number] = 1;
  cordLevel[lDrb1 as number] = 2;
  const typed = Uint8Array.from(input.typedLoci, (t) => (t ? 1 : 0));
  const perLocus = Int8Array.from(maxPerLocus);
  const anyPerLocus = maxPerLocus.some((m) => m >= 0);
  const maxMm = input.maxMismatches;
  const listed = input.slots;
  const wantKind = input.wantKind;
  const countDqb1 = input.countDqb1;
  const weightKg = input.weightKg;
  const tncFloor = input.tncFloor;
  const cd34Floor = input.cd34Floor;
  const sc = input.scores;
  // Scores are sums of at most 10 weights of -10..10 (ranking-weights.ts SCORE_BOUND): 201 values each.
  const bound = 100;
  const span = 2 * bound + 1;
  for (let i = input.start; i < input.end; i++) {
    const s = listed ? (listed[i] as number) : i;
    if (kinds[s] !== wantKind) continue;
    const base = s * stride;
    let mm8 = 0;
    let cord6 = 0;
    let gvh = 0;
    let hvg = 0;
    let untyped = 0;
    let antibody = false;
    let over = false;
    let dq = 2;
    for (let l = 0; l < nLoci; l++) {
      const t1 = positions[base + 2 * l] as number;
      const t2 = positions[base + 2 * l + 1] as number;
      const r0 = role[l] as number;
      if (typed[l] === 0 || t1 === 0 || t2 === 0) {
        if (r0 !== 0) untyped++;
        continue;
      }
      const code = codes[l] as Uint8Array;
      const r = pair[((code[t1] as number) << 6) | (code[t2] as number)] as number;
      const allele = r & 3;
      if (r & 256) antibody = true;
      if (anyPerLocus) {
        const limit = perLocus[l] as number;
        if (limit >= 0 && 2 - allele > limit) {
          over = true;
          break;
        }
      }
      if (r0 === 2) {
        dq = 2 - allele;
        if (countDqb1) {
          mm8 += dq;
          if (mm8 > maxMm) {
            over = true;
            break;
          }
        }
      } else if (r0 === 1) {
        mm8 += 2 - allele;
        if (mm8 > maxMm) {
          over = true;
          break;
        }
        gvh += (r >> 4) & 3;
        hvg += (r >> 6) & 3;
        // Cord class: A and B at antigen level, DRB1 at allele level.
        const level = cordLevel[l] as number;
        cord6 += level === 2 ? allele : level === 1 ? (r >> 2) & 3 : 0;
      }
    }
    if (over) continue;
    let tncPerKg = 0;
    if (isCord) {
      tncPerKg = (tnc[s] as number) / weightKg;
      const cd = cd34[s] as number;
      if (antibody || tncPerKg < tncFloor || (!Number.isNaN(cd) && cd / weightKg < cd34Floor)) {
        excluded++;
        continue;
      }
    } else if (antibody) {
      excluded++;
      continue;
    }
    classCounts[mm8] = (classCounts[mm8] as number) + 1;
    // The site's scores, read only for a listing within the limits (most are not).
    let gs = 0;
    let cs = 0;
    if (sc !== undefined) {
      for (let l = 0; l < nLoci; l++) {
        const r0 = role[l] as number;
        if (r0 !== 1 && !(r0 === 2 && countDqb1)) continue;
        const t1 = positions[base + 2 * l] as number;
        const t2 = positions[base + 2 * l + 1] as number;
        if (typed[l] === 0 || t1 === 0 || t2 === 0) {
          gs += sc.untypedGrade;
          cs += sc.untypedConfidence;
          continue;
        }
        const code = codes[l] as Uint8Array;
        const c1 = code[t1] as number;
        const c2 = code[t2] as number;
        // A null position is graded as the locus's other (expressed) one; its WMDA grade reads it as typed.
        const e1 = c1 & 16 && !(c2 & 16) ? t2 : t1;
        const e2 = c2 & 16 && !(c1 & 16) ? t1 : t2;
        const x1 = code[e1] as number;
        const x2 = code[e2] as number;
        const rk = sc.rank[l] as Uint8Array;
        const directAllele = (x1 & 1) + ((x2 >> 1) & 1);
        const crossedAllele = (x2 & 1) + ((x1 >> 1) & 1);
        let crossed = crossedAllele > directAllele;
        if (crossedAllele === directAllele) {
          const directAntigen = ((x1 >> 2) & 1) + ((x2 >> 3) & 1);
          const crossedAntigen = ((x2 >> 2) & 1) + ((x1 >> 3) & 1);
          crossed =
            crossedAntigen > directAntigen ||
            (crossedAntigen === directAntigen &&
              (rk[2 * e2] as number) + (rk[2 * e1 + 1] as number) >
                (rk[2 * e1] as number) + (rk[2 * e2 + 1] as number));
        }
        const gw = sc.grade[l] as Int8Array;
        const cw = sc.confidence[l] as Int8Array;
        if (crossed) {
          gs += (gw[2 * t2] as number) + (gw[2 * t1 + 1] as number);
          cs += (cw[2 * e2] as number) + (cw[2 * e1 + 1] as number);
        } else {
          gs += (gw[2 * t1] as number) + (gw[2 * t2 + 1] as number);
          cs += (cw[2 * e1] as number) + (cw[2 * e2 + 1] as number);
        }
      }
    }
    // Direction: none 0, GvH only 1, both 2, HvG only 3.
    const dir = gvh === 0 && hvg === 0 ? 0 : hvg === 0 ? 1 : gvh === 0 ? 3 : 2;
    // One whole number orders the results (lower is better) so a heap can keep the best. The site's grade
    // and confidence scores (higher first) refine the built-in classes, never override them: adults by
    // mismatches, then DQB1, then fewer untyped loci, then the scores and direction; cords by mismatches,
    // then the cord class, then (with scores) fewer untyped loci and the scores, then direction and the dose
    // (steps of 100 cells/kg up to 10^10/kg, beyond any unit). An untyped locus is a tier of its own, so
    // no weight lifts a listing typed at fewer loci over one typed at more. Below 2^53, so exact.
    const scores = (bound - gs) * span + (bound - cs);
    const key = isCord
      ? ((((mm8 * 7 + (6 - cord6)) * 6 + (sc !== undefined ? untyped : 0)) * span * span + scores) * 4 +
          dir) *
          1e8 +
        (1e8 - 1 - Math.min(Math.floor(tncPerKg / 100), 1e8 - 1))
      : (((mm8 * 3 + dq) * 6 + untyped) * span * span + scores) * 10 + dir;
    push(key, s, mm8);
  }
  // Heap to sorted order, best first; ties by slot.
  const order = heapKeys.map((_, i) => i);
  order.sort(
    (x, y) =>
      (heapKeys[x] as number) - (heapKeys[y] as number) ||
      (heapSlots[x] as number) - (heapSlots[y] as number),
  );
  return {
    classCounts,
    excluded,
    slots: order.map((i) => heapSlots[i] as number),
    keys: order.map((i) => heapKeys[i] as number),
    mismatches: order.map((i) => heapMm[i] as number),
  };
}
