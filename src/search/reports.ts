/**
 * Search reports: a search run for a registered patient and kept with the patient's record, exactly as it
 * ranked then (criteria, release versions, counts, the ranked rows with their reasons), so a decision can be
 * shown and inspected later even after the registry or the release has changed.
 *
 * - The patient must be registered: search does not own patients (therapy does, and the two services do not
 *   import each other), so the face hands in therapy's registry and it is asked inside the report's
 *   transaction. An MRN no patient has is refused (PATIENT_NOT_FOUND) and nothing is written.
 * - The server runs the search itself; a report is never built from rows a client sends.
 * - A report starts at rank 1: an offset is refused, not silently dropped.
 */
import type { Act } from "../accounts/act.js";
import { requireRole } from "../accounts/users.js";
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { ScanPool } from "../matching/scan-pool.js";
import type { SearchIndex } from "../matching/search-index.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { write } from "../store/write.js";
import { type ReportPatients, registeredOrRefuse } from "./patients.js";
import { SEARCH_ROLES } from "./report-roles.js";
import {
  REPORT_DEFAULT_ROWS,
  REPORT_MAX_ROWS,
  type ReportRow,
  type ReportVersions,
  type SearchReport,
  SearchReportInputSchema,
  type SearchReportSummary,
} from "./report-schemas.js";
import type { ListingHit } from "./schemas.js";
import { searchListings } from "./search-service.js";

export type { ReportRow, SearchReport, SearchReportSummary } from "./report-schemas.js";

export interface ReportContext {
  index: SearchIndex;
  versions: ReportVersions;
  patients: ReportPatients;
  pool?: ScanPool;
}

const REPORT_WHY = "a search report belongs to a patient's record";

const REPORT_LOCI = ["A", "B", "C", "DRB1", "DQB1", "DPB1"];

/** One hit as the report keeps it: the match over typed positions, each locus, dose, reason and flags. */
export function reportRow(h: ListingHit): ReportRow {
  const s = h.grade.summary;
  return {
    rank: h.rank,
    id: h.id,
    source: h.listing.kind === "cord" ? h.listing.bank : h.listing.registry,
    match: s.text,
    cord6: s.cord6,
    mismatches8: s.mismatches8,
    category: s.category,
    direction: h.direction,
    loci: REPORT_LOCI.filter((l) => h.grade.loci[l] !== undefined).map((locus) => {
      const g = h.grade.loci[locus];
      return {
        locus,
        typed: g?.typed ?? false,
        allele: g?.allele ?? 0,
        antigen: g?.antigen ?? 0,
        potential: g?.positions.some((p) => p.confidence === "potential") ?? false,
      };
    }),
    tncPerKg: h.dose?.tncPerKg ?? null,
    cd34PerKg: h.dose?.cd34PerKg ?? null,
    reason: h.reason,
    flags: h.flags,
    ...(h.probability !== undefined ? { probability: h.probability } : {}),
  };
}

/** Runs the search for the patient and keeps it as a report; the row and its audit event in one write. */
export async function saveSearchReport(
  store: Store,
  act: Act,
  mrnText: string,
  input: unknown,
  ctx: ReportContext,
): Promise<SearchReport> {
  requireRole(act.user, SEARCH_ROLES.search, "keep search reports");
  const { search, note } = check(SearchReportInputSchema, input);
  if (search.offset !== undefined && search.offset !== 0) {
    throw new CradleError(
      "INVALID_INPUT",
      `search.offset ${search.offset}: a report keeps the ranked list from rank 1; leave the offset out`,
      { field: "search.offset", value: search.offset },
    );
  }
  const limit = search.limit ?? REPORT_DEFAULT_ROWS;
  if (limit > REPORT_MAX_ROWS) {
    throw new CradleError(
      "INVALID_INPUT",
      `search.limit ${limit}: a report keeps at most ${REPORT_MAX_ROWS} ranked rows`,
      { field: "search.limit", value: limit },
    );
  }
  // Refuse an unknown patient before computing anything; asked again inside the write below.
  const mrn = await registeredOrRefuse(store.db, ctx.patients, mrnText, "mrn", REPORT_WHY);
  const criteria = { ...search, offset: 0, limit };
  const result = await searchListings(store, ctx.index, criteria, {
    now: act.at,
    patientMrn: mrn,
    ...(ctx.pool ? { pool: ctx.pool } : {}),
  });
  const report: SearchReport = {
    id: crypto.randomUUID(),
    patientMrn: "",
    kind: search.kind,
    createdAt: act.at.toISOString(),
    createdBy: act.user.username,
    criteria,
    versions: {
      ...ctx.versions,
      ...(result.rankingWeights ? { rankingWeights: result.rankingWeights } : {}),
    },
    counts: { total: result.total, excluded: result.excluded, byMismatches: result.classCounts },
    ...(result.probability ? { probability: result.probability } : {}),
    rows: result.hits.map(reportRow),
    note: note?.trim() ? note.trim() : null,
  };
  return write(store, async (tx) => {
    report.patientMrn = await registeredOrRefuse(tx, ctx.patients, mrnText, "mrn", REPORT_WHY);
    await tx
      .insertInto("searchReport")
      .values({
        id: report.id,
        patientMrn: report.patientMrn,
        kind: report.kind,
        createdAt: report.createdAt,
        createdBy: report.createdBy,
        criteria: JSON.stringify(report.criteria),
        versions: JSON.stringify(report.versions),
        // The probability summary rides in the counts column (no migration of the report table needed).
        counts: JSON.stringify(
          report.probability ? { ...report.counts, probability: report.probability } : report.counts,
        ),
        rows: JSON.stringify(report.rows),
        note: report.note,
      })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "search.report",
      entityType: "patient",
      entityId: report.patientMrn,
      after: {
        reportId: report.id,
        kind: report.kind,
        total: report.counts.total,
        rows: report.rows.length,
        hla: report.versions.hla,
      },
      at: act.at,
    });
    return report;
  });
}

function toReport(r: Database["searchReport"]): SearchReport {
  const { probability, ...counts } = JSON.parse(r.counts) as SearchReport["counts"] & {
    probability?: SearchReport["probability"];
  };
  return {
    id: r.id,
    patientMrn: r.patientMrn,
    kind: r.kind as SearchReport["kind"],
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    criteria: JSON.parse(r.criteria),
    versions: JSON.parse(r.versions),
    counts,
    ...(probability ? { probability } : {}),
    rows: JSON.parse(r.rows),
    note: r.note,
  };
}

/** A patient's reports, newest first. */
export async function searchReportsOf(
  store: Store,
  act: Pick<Act, "user">,
  mrnText: string,
  patients: ReportPatients,
): Promise<SearchReportSummary[]> {
  requireRole(act.user, SEARCH_ROLES.search, "read search reports");
  const mrn = await registeredOrRefuse(store.db, patients, mrnText, "mrn", REPORT_WHY);
  const rows = await store.db
    .selectFrom("searchReport")
    .selectAll()
    .where("patientMrn", "=", mrn)
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => {
    const r = toReport(row);
    const first = r.rows[0];
    return {
      id: r.id,
      patientMrn: r.patientMrn,
      kind: r.kind,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      total: r.counts.total,
      top: first ? `${first.id} (${first.match})` : null,
      hla: r.versions.hla,
      note: r.note,
    };
  });
}

/** One report, whole. */
export async function searchReport(store: Store, act: Pick<Act, "user">, id: string): Promise<SearchReport> {
  requireRole(act.user, SEARCH_ROLES.search, "read search reports");
  const row = await store.db.selectFrom("searchReport").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) {
    throw new CradleError("SEARCH_REPORT_NOT_FOUND", `id ${id}: no search report has this identifier`, {
      field: "id",
      value: id,
    });
  }
  return toReport(row);
}
