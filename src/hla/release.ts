/**
 * One IPD-IMGT/HLA release, indexed for reduction: which names are valid, and each name's G group, P group,
 * lgx name, WHO expansion, XX family, serological equivalents. Built once from a RawRelease; pure.
 */
import {
  EXPRESSION_CHARS,
  fieldCount,
  firstFields,
  gGroupNameFromFirstAllele,
  isExpressionChar,
  lastChar,
  locusOf,
  twoFields,
} from "./names.js";
import type { RawRelease } from "./reference/raw.js";
import { compareNames, sortNames } from "./sort.js";

export interface DeletedName {
  name: string;
  deleted: string;
  becomes: string;
  reason: string;
}

/** Serological locus prefixes and the DNA locus whose allele families they name. */
const SEROLOGY_DNA_LOCUS: Readonly<Record<string, string>> = {
  A: "A",
  B: "B",
  Cw: "C",
  DR: "DRB1",
  DQ: "DQB1",
};

/**
 * Serological antigens whose DNA family is not their own number (WHO broad/split and associated antigen
 * tables: B62 is encoded by B*15 alleles, DR17 by DRB1*03, DQ7 by DQB1*03 …). Used to find the XX code of
 * an antigen. Antigens not listed map to the family of their own number, after associated → antigen.
 */
const SEROLOGY_FAMILY_EXCEPTIONS: Readonly<Record<string, string>> = {
  A203: "A*02",
  A210: "A*02",
  B60: "B*40",
  B61: "B*40",
  B64: "B*14",
  B65: "B*14",
  B62: "B*15",
  B63: "B*15",
  B70: "B*15",
  B71: "B*15",
  B72: "B*15",
  B75: "B*15",
  B76: "B*15",
  B77: "B*15",
  B703: "B*07",
  DR17: "DRB1*03",
  DR18: "DRB1*03",
  DR103: "DRB1*01",
  DQ7: "DQB1*03",
  DQ8: "DQB1*03",
  DQ9: "DQB1*03",
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What the release says of one allele name at the group levels. */
interface NameGroups {
  /** G groups (official names), sorted; usually one. */
  g?: string[];
  /** lgx name: two fields of the lowest-numbered G group's first allele. */
  lgx?: string;
  p?: string;
  /** With ping: the P group's two fields, for names whose protein has no G group. */
  ping?: string;
}

export class Release {
  readonly version: string;
  readonly date: string;
  /** Names in Allelelist.txt, as a set on first use (only levels W and exon ask). */
  private whoSet: ReadonlySet<string> | undefined;
  /** WHO names, their 2- and 3-field shortenings, and 2-field names carrying a shared expression suffix. */
  readonly valid: ReadonlySet<string>;
  readonly loci: ReadonlySet<string>;
  readonly gGroupCount: number;
  readonly pGroupCount: number;

  /** Per allele name (full, two- and three-field): its groups. One map, one hash lookup per name. */
  private readonly groupsOf = new Map<string, NameGroups>();
  /** Official G names and first-allele aliases → official G name. */
  private readonly gNames = new Map<string, string>();
  private readonly pNames = new Set<string>();
  private readonly pingTargets = new Set<string>();
  private readonly alleles: readonly string[];
  /** G and P group name → the allele names (full, two- and three-field) it covers. */
  private readonly groupKeys = new Map<string, string[]>();
  private prefixGroups: Map<string, string[]> | undefined;
  private readonly shortNulls = new Map<string, string[]>();
  private readonly xx = new Map<string, string[]>();
  private readonly deleted = new Map<string, DeletedName>();
  private readonly v2 = new Map<string, string>();
  private readonly rawSerology: Readonly<Record<string, string[]>>;
  private readonly serSer: RawRelease["serSer"];
  private serologyIndex: Map<string, [Set<string>, Set<string>]> | undefined;
  private antigensByName: [Map<string, string[]>, Map<string, string[]>] | undefined;
  readonly serologyNames: ReadonlySet<string>;
  private readonly associatedOf = new Map<string, string>();
  /** Split antigen → its broad ("B44" → "B12"), from rel_ser_ser.txt. */
  private readonly broadOfSplit = new Map<string, string>();

  constructor(raw: RawRelease) {
    this.version = raw.version;
    this.date = raw.date;
    this.alleles = raw.alleles;
    const loci = new Set<string>();
    const valid = new Set<string>(raw.alleles);
    const expression = new Map<string, string>();
    const xx = new Map<string, string[]>();
    const seen2 = new Set<string>();

    for (const a of raw.alleles) {
      loci.add(locusOf(a));
      const d2 = firstFields(a, 2);
      valid.add(d2);
      valid.add(firstFields(a, 3));
      if (!seen2.has(d2)) {
        seen2.add(d2);
        push(xx, firstFields(a, 1), d2);
      }
      const c = lastChar(a);
      if (isExpressionChar(c) && fieldCount(a) > 2) {
        const prev = expression.get(d2);
        expression.set(d2, prev === undefined || prev === c ? c : "*");
        // Short nulls: "DRB4*01:03N" stands for the null alleles among DRB4*01:03…
        for (const key of [d2, firstFields(a, 3)]) if (key !== a) push(this.shortNulls, key + c, a);
      }
    }
    // A 2-field name takes an expression suffix when every longer allele with a suffix shares it (A*01:04N).
    for (const [d2, c] of expression) if (c !== "*") valid.add(d2 + c);
    this.valid = valid;
    this.loci = loci;

    const gTwoField = new Set<string>();
    const shared: string[][] = []; // names in more than one G group: their group lists get sorted
    for (const g of raw.gGroups) {
      const locus = `${locusOf(g.name)}*`;
      const alias = gGroupNameFromFirstAllele(locus, g.members[0]?.slice(locus.length) ?? "");
      this.gNames.set(g.name, g.name);
      this.gNames.set(alias, g.name);
      const lgx = twoFields(alias);
      const keys = new Set<string>();
      for (const m of g.members) {
        keys.add(m);
        keys.add(firstFields(m, 2));
        keys.add(firstFields(m, 3));
        gTwoField.add(firstFields(m, 2));
      }
      for (const key of keys) {
        const info = this.infoOf(key);
        const groups = info.g;
        if (groups) {
          if (!groups.includes(g.name)) {
            groups.push(g.name);
            shared.push(groups);
          }
          // A name in several groups reduces to the lowest-numbered lgx (py-ard issue #333).
          const prev = info.lgx ?? lgx;
          if (prev !== lgx && compareNames(lgx, prev) < 0) info.lgx = lgx;
        } else {
          info.g = [g.name];
          info.lgx = lgx;
        }
      }
      this.groupKeys.set(g.name, [...keys]);
    }
    for (const groups of shared) groups.sort(compareNames);
    this.gGroupCount = raw.gGroups.length;

    for (const p of raw.pGroups) {
      this.pNames.add(p.name);
      const keys = new Set<string>();
      const pingTo = twoFields(p.name);
      for (const m of p.members) {
        const m2 = firstFields(m, 2);
        // Alleles whose protein group has no G group: "ping" reduces them to their P group.
        const noG = !gTwoField.has(m2);
        if (noG) this.pingTargets.add(pingTo);
        for (const key of [m, m2, firstFields(m, 3)]) {
          keys.add(key);
          const info = this.infoOf(key);
          info.p = p.name;
          if (noG) info.ping = pingTo;
        }
      }
      this.groupKeys.set(p.name, [...keys]);
    }
    this.pGroupCount = raw.pGroups.length;

    for (const row of raw.deleted) {
      const name = row.locus + row.name;
      const becomes = row.becomes ? row.locus + row.becomes : "";
      this.deleted.set(name, { name, deleted: row.deleted, becomes, reason: row.reason });
      // Version 2 names ("A*0105N") are kept in hla_nom.txt with the name they became.
      if (!row.name.includes(":") && becomes) this.v2.set(name, becomes);
    }
    this.serologyNames = new Set(raw.serologyNames);

    // XX families, with broad antigens whose own family has no alleles (A*09 → A*23 + A*24).
    for (const [k, v] of xx) this.xx.set(k, v.sort(compareNames));
    for (const row of raw.serSer) {
      for (const a of row.associated) this.associatedOf.set(row.locus + a, row.locus + row.antigen);
      for (const split of row.splits) this.broadOfSplit.set(row.locus + split, row.locus + row.antigen);
      const dna = SEROLOGY_DNA_LOCUS[row.locus];
      if (!dna || row.splits.length === 0) continue;
      const broad = `${dna}*${row.antigen.padStart(2, "0")}`;
      if (this.xx.has(broad)) continue;
      const merged = row.splits.flatMap((s) => this.xx.get(`${dna}*${s.padStart(2, "0")}`) ?? []);
      if (merged.length > 0) this.xx.set(broad, merged.sort(compareNames));
    }

    this.rawSerology = raw.serology;
    this.serSer = raw.serSer;
    this.dpb1Tce = new Map(Object.entries(raw.dpb1Tce ?? {}));
  }

  /** DPB1 allele → T-cell-epitope group (1 most immunogenic … 3); empty without tce/dpb_tce.csv. */
  private readonly dpb1Tce: ReadonlyMap<string, number>;

  /** Whether the release came with its DPB1 T-cell-epitope table. */
  get hasDpb1Tce(): boolean {
    return this.dpb1Tce.size > 0;
  }

  /** The TCE group of one DPB1 allele (full name), undefined when unassigned or unknown. */
  dpb1TceGroup(allele: string): number | undefined {
    return this.dpb1Tce.get(allele);
  }

  /**
   * What kind of specificity a serological antigen is (WMDA): an associated antigen (a variant of another,
   * "B3901"), a split of a broad ("B38"), a broad that has splits ("B16"), or an antigen that is neither.
   */
  antigenKind(antigen: string): "associated" | "split" | "broad" | "not-split" {
    if (this.associatedOf.has(antigen)) return "associated";
    if (this.broadOfSplit.has(antigen)) return "split";
    this.broads ??= new Set(this.broadOfSplit.values());
    return this.broads.has(antigen) ? "broad" : "not-split";
  }
  private broads: Set<string> | undefined;

  /** Antigen → [alleles, their lgx names], broads covering their splits (B12 ⊇ B44, B45). Built on first use. */
  private get serologyAlleles(): Map<string, [Set<string>, Set<string>]> {
    if (this.serologyIndex) return this.serologyIndex;
    const index = new Map<string, [Set<string>, Set<string>]>();
    for (const [antigen, alleles] of Object.entries(this.rawSerology)) {
      index.set(antigen, [new Set(alleles), new Set(alleles.map((a) => this.lgx(a)))]);
    }
    for (const row of this.serSer) {
      const broad = row.locus + row.antigen;
      for (const split of row.splits) {
        const s = index.get(row.locus + split);
        if (!s) continue;
        const b = index.get(broad) ?? [new Set<string>(), new Set<string>()];
        for (const a of s[0]) b[0].add(a);
        for (const a of s[1]) b[1].add(a);
        index.set(broad, b);
      }
    }
    this.serologyIndex = index;
    return index;
  }

  /**
   * Names a WHO expansion (level W) of `name` goes through: the alleles sharing its first one, two or three
   * fields, or the names a G or P group covers. Built on first use: only W and exon need it.
   */
  whoGroup(name: string): readonly string[] | undefined {
    const group = this.groupKeys.get(name);
    if (group) return group;
    if (!this.prefixGroups) {
      const m = new Map<string, string[]>();
      for (const a of this.alleles) {
        const keys = new Set([firstFields(a, 1), firstFields(a, 2), firstFields(a, 3)]);
        for (const k of keys) push(m, k, a);
      }
      this.prefixGroups = m;
    }
    return this.prefixGroups.get(name);
  }

  private infoOf(name: string): NameGroups {
    let info = this.groupsOf.get(name);
    if (!info) {
      info = {};
      this.groupsOf.set(name, info);
    }
    return info;
  }

  isValid(name: string): boolean {
    return this.valid.has(name);
  }
  isWho(name: string): boolean {
    this.whoSet ??= new Set(this.alleles);
    return this.whoSet.has(name);
  }
  /** How many alleles Allelelist.txt names. */
  get alleleCount(): number {
    return this.alleles.length;
  }
  /** The official G group of a G name (official or named after its first allele), or undefined. */
  gGroupName(name: string): string | undefined {
    return this.gNames.get(name);
  }
  isPGroup(name: string): boolean {
    return this.pNames.has(name);
  }
  gGroupsOf(name: string): readonly string[] | undefined {
    return this.groupsOf.get(name)?.g;
  }
  pGroupOf(name: string): string | undefined {
    return this.groupsOf.get(name)?.p;
  }
  pingOf(name: string): string | undefined {
    return this.groupsOf.get(name)?.ping;
  }
  isPingTarget(name: string): boolean {
    return this.pingTargets.has(name);
  }
  /** lgx name: two fields of the G group's first allele, or the name's own two fields. */
  lgx(name: string): string {
    return this.groupsOf.get(name)?.lgx ?? firstFields(name, 2);
  }
  shortNull(name: string): readonly string[] | undefined {
    return this.shortNulls.get(name);
  }
  xxFamily(locusAndFirstField: string): readonly string[] | undefined {
    return this.xx.get(locusAndFirstField);
  }
  deletedName(name: string): DeletedName | undefined {
    return this.deleted.get(name);
  }
  v2Name(name: string): string | undefined {
    return this.v2.get(name);
  }
  isSerology(name: string): boolean {
    return this.serologyNames.has(name);
  }
  /** Alleles of the release carrying a serological antigen (splits included for a broad). */
  serologyAllelesOf(antigen: string): readonly string[] {
    const e = this.serologyAlleles.get(antigen);
    return e ? sortNames([...e[0]].filter((a) => this.valid.has(a))) : [];
  }
  /** Antigens whose allele list (or, with `lgx`, its lgx names) contains the name. */
  antigensOf(name: string, lgx: boolean): string[] {
    if (!this.antigensByName) {
      // Name → antigens, for alleles and for lgx names, built once from the antigen → names index.
      const byAllele = new Map<string, string[]>();
      const byLgx = new Map<string, string[]>();
      for (const [antigen, [alleles, lgxNames]] of this.serologyAlleles) {
        for (const a of alleles) push(byAllele, a, antigen);
        for (const a of lgxNames) push(byLgx, a, antigen);
      }
      this.antigensByName = [byAllele, byLgx];
    }
    return [...(this.antigensByName[lgx ? 1 : 0].get(name) ?? [])];
  }
  /** The DNA locus a serological antigen is encoded by: "A24" → "A", "Cw3" → "C", "DR52" → "DRB3". */
  serologyLocus(antigen: string): string | undefined {
    const m = /^([A-Za-z]+?)w?(\d+)$/.exec(antigen);
    if (!m?.[1]) return undefined;
    if (m[1] === "DR") return { "51": "DRB5", "52": "DRB3", "53": "DRB4" }[m[2] ?? ""] ?? "DRB1";
    return { A: "A", B: "B", C: "C", DQ: "DQB1", DP: "DPB1" }[m[1]];
  }
  /** The broad antigen a split belongs to ("B44" → "B12"), or undefined. */
  broadOf(antigen: string): string | undefined {
    return this.broadOfSplit.get(antigen);
  }
  /** The antigen an associated antigen is a variant of ("A2403" → "A24"), or the antigen itself. */
  parentAntigen(antigen: string): string {
    return this.associatedOf.get(antigen) ?? antigen;
  }
  /** The XX code of a serological antigen: "B62" → "B*15:XX", "A2403" → "A*24:XX". */
  xxForSerology(antigen: string): string | undefined {
    if (!this.serologyNames.has(antigen)) return undefined;
    const exception = SEROLOGY_FAMILY_EXCEPTIONS[antigen];
    if (exception) return `${exception}:XX`;
    const base = this.associatedOf.get(antigen) ?? antigen;
    const m = /^([A-Za-z]+)(\d+)$/.exec(base);
    const dna = m?.[1] ? SEROLOGY_DNA_LOCUS[m[1]] : undefined;
    return dna && m?.[2] ? `${dna}*${m[2].padStart(2, "0")}:XX` : undefined;
  }
  /** The expression-suffixed names a non-strict lookup may mean for an unknown name. */
  suffixedVariant(name: string): string | undefined {
    for (const c of EXPRESSION_CHARS) if (this.valid.has(name + c)) return name + c;
    return undefined;
  }
}
