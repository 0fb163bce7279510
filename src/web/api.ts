import type { Area } from "../accounts/roles";
import type {
  AccountChange,
  AccountState,
  AddUser,
  AddedUser,
  ChangePassword,
  PasswordReset,
  RolesChange,
  SessionAnswer,
  SessionsEnded,
  SignIn,
  TotpStatus,
  User,
  UserListItem,
  WhoAmI,
} from "../accounts/schemas";
import type { AuditEvent, AuditPage, AuditPageQuery, AuditVerification } from "../audit/schemas";
import type { LabelKind, LabelPrint } from "../bank/label-schemas.js";
/**
 * The one typed client the web app uses to reach the server (DESIGN.md: web talks to the server over HTTP
 * only). It keeps the session's CSRF token and sends it with every change; errors arrive as ApiError with
 * the server's code, message and the field at fault. The bank's answers are typed by the bank's own
 * schemas (type-only imports: no server code reaches the bundle).
 */
import type { QualityDashboard } from "../bank/quality/dashboard-schemas.js";
import type {
  AssessDeviation,
  Capa,
  CompleteCapa,
  Deviation,
  DeviationRecord,
  NewCapa,
  NewDeviation,
  SubmitReport,
} from "../bank/quality/deviation-schemas.js";
import type {
  Equipment,
  Lot,
  LotDecisionInput,
  NewEquipment,
  NewLot,
  NewService,
} from "../bank/quality/materials-schemas.js";
import type {
  Alarm,
  MonitoringSettings,
  MonitoringSettingsInput,
  ReadingsOutcome,
  SweepOutcome,
} from "../bank/quality/monitoring-schemas.js";
import type {
  Lookback,
  LookbackInput,
  OpenRecall,
  RecallRecord,
  RecallSummary,
} from "../bank/quality/recall-schemas.js";
import type { NewVigilance, VigilanceCase, VigilanceReportInput } from "../bank/quality/vigilance-schemas.js";
import type {
  BankDashboard,
  PlausibleRange,
  Product,
  ProductPage,
  ProductRecord,
  ShipmentTemperatures,
} from "../bank/schemas.js";
import type { BoxGrid, NewBox, NewDevice, NewRack, StorageDevice } from "../bank/storage-schemas.js";
import type { Consent } from "../consent/schemas.js";
import type { Static } from "../contract/schema.js";
import type { ErrorBody, ErrorCode } from "../errors.js";
import type { ReportQuery } from "../outcomes/comparison-schemas.js";
import type { CtcaeTerms } from "../outcomes/ctcae-schemas.js";
import type { Death } from "../outcomes/death-schemas.js";
import type { OutcomesReport } from "../outcomes/report-schemas.js";
import type {
  ActionsSchema,
  AdverseEvent,
  FollowUpForm,
  FormSpecs,
  OpenReports,
  OverdueVisit,
  PatientOutcomes,
} from "../outcomes/schemas.js";
import type {
  FrequencyListSchema,
  ImputationReport,
  PopulationChoice,
  PopulationChoiceInput,
} from "../search/frequency-schemas";
import type { RankingWeightsView } from "../search/ranking-schemas";
import type { HlaCheckAnswer, ReferenceStatus } from "../search/reference-schemas";
import type { SearchReport, SearchReportInput, SearchReportSummary } from "../search/report-schemas";
import type { SearchRequest, SearchResult } from "../search/schemas";
// Outcomes and consent answers are typed by the services' own schemas (type-only: no server code here).
// Therapy's answers are typed by its schemas, imported type-only: no server code enters the bundle.
import type {
  BedsideOutcome,
  DoseOrder,
  DueList,
  Eligibility,
  HeldOrderList,
  Infusion,
  Patient,
  PatientPage,
  PatientRecord,
  Plan,
  PlanRecord,
  ProtocolStatus,
  Weight,
} from "../therapy/schemas.js";

export type { Role } from "../accounts/roles";
export type { Area } from "../accounts/roles";
export type { User } from "../accounts/schemas";

/** The signed-in user and the areas the server lets them read (the session's answer). */
export type SignedIn = User & { areas: Area[] };
export type { AuditEvent } from "../audit/schemas";
export type { SearchHit, SearchResult } from "../search/schemas";

/** A product's record as its page gets it: the bank's record and the donor's banking consent. */
export type ProductPageData = ProductRecord & {
  bankingConsent: {
    state: "in-force" | "withdrawn" | "none";
    consent?: { withdrawnAt: string | null; withdrawalReason: string | null };
  };
};

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Signature {
  id: string;
  username: string;
  printedName: string;
  meaning: string;
  signedAt: string;
  recordHash: string;
}

/**
 * What the client itself reports: NETWORK, an answer without the server's error body (a dropped connection,
 * a proxy's page); CLIENT, a failure inside the app before any answer.
 */
export type ClientErrorCode = "NETWORK" | "CLIENT";

/** An error answer: its code is one of the server's catalogue (src/errors.ts), never a free string. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken = "";

/** The header a signing request carries the signer's second-factor code in (server/auth.ts). */
const SECOND_FACTOR = "x-second-factor";

async function call<T>(method: string, url: string, body?: unknown, code?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (code !== undefined) headers[SECOND_FACTOR] = code;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const r = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (r.status === 204) return undefined as T;
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    // An answer without the server's error body (a proxy's page, a dropped connection) is "NETWORK".
    const e = data as Partial<ErrorBody>;
    throw new ApiError(
      r.status,
      e.code ?? "NETWORK",
      e.message ?? r.statusText,
      typeof e.details?.field === "string" ? e.details.field : undefined,
      e.details,
    );
  }
  return data as T;
}

/** A POST answered with a file (a printed label): the file and the answer's headers, or the server's error. */
async function callFile(url: string, body: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!r.ok) {
    const e = (await r.json().catch(() => ({}))) as Partial<ErrorBody>;
    throw new ApiError(
      r.status,
      e.code ?? "NETWORK",
      e.message ?? r.statusText,
      typeof e.details?.field === "string" ? e.details.field : undefined,
      e.details,
    );
  }
  return { blob: await r.blob(), headers: r.headers };
}

/** The audit page's filters (GET /api/audit and /api/audit.csv take the same). */
export type AuditFilter = Omit<AuditPageQuery, "limit" | "offset">;
export type { LabelKind, LabelPrint };

/** A printed label: which kind the server chose, its copy number, and the file to open. */
export interface PrintedLabel {
  kind: LabelKind;
  copy: number;
  blob: Blob;
}

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();

/** The admin's changes to an account (POST /api/users/:username/…) and what each answers. */
export interface UserChanges {
  disable: AccountState;
  enable: AccountState;
  "password-reset": PasswordReset;
  "end-sessions": SessionsEnded;
  unlock: { username: string; wasLocked: boolean };
}

export const api = {
  async signIn(username: string, password: string, code?: string): Promise<SignedIn> {
    const body: SignIn = { username, password, ...(code ? { code } : {}) };
    const r = await call<SessionAnswer>("POST", "/api/session", body);
    csrfToken = r.csrfToken;
    return { ...r.user, areas: r.areas };
  },
  async whoAmI(): Promise<SignedIn | undefined> {
    try {
      const r = await call<WhoAmI>("GET", "/api/session");
      csrfToken = r.csrfToken;
      return { ...r.user, areas: r.areas };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return undefined;
      throw e;
    }
  },
  signOut: () => call<void>("DELETE", "/api/session"),
  /** Every session of the user ends; this browser gets a new one (a new CSRF token). */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const body: ChangePassword = { oldPassword, newPassword };
    const r = await call<SessionAnswer>("POST", "/api/session/password", body);
    csrfToken = r.csrfToken;
  },
  totpStatus: () => call<TotpStatus>("GET", "/api/session/totp"),
  beginTotp: () => call<{ uri: string; secret: string; qrSvg: string }>("POST", "/api/session/totp", {}),
  confirmTotp: (code: string) =>
    call<{ recoveryCodes: string[] }>("POST", "/api/session/totp/confirm", { code }),
  products: (f: { limit: number; offset: number; status?: string; source?: string; din?: string }) =>
    call<ProductPage>("GET", `/api/products?${q(f)}`),
  summary: () => call<BankDashboard>("GET", "/api/products/summary"),
  product: (din: string, product?: string) =>
    call<ProductPageData>("GET", `/api/products/${encodeURIComponent(din)}?${q({ product })}`),
  /** Each shipment's logged temperatures with its limits and excursions (the page's plot). */
  temperatures: (din: string, product?: string) =>
    call<ShipmentTemperatures[]>(
      "GET",
      `/api/products/${encodeURIComponent(din)}/temperature-log?${q({ product })}`,
    ),
  register: (body: Record<string, unknown>) => call<Product>("POST", "/api/products", body),
  /** A step on a product; `code` is the signer's second factor for a signing step (release, disposition). */
  step: (din: string, step: string, body: Record<string, unknown>, product?: string, code?: string) =>
    call<unknown>("POST", `/api/products/${encodeURIComponent(din)}/${step}?${q({ product })}`, body, code),
  /** The storage model: devices with racks and boxes (with occupancy), a box's grid, new places. */
  storageDevices: () => call<StorageDevice[]>("GET", "/api/storage/devices"),
  qualityDashboard: () => call<QualityDashboard>("GET", "/api/quality/dashboard"),
  /** Deviations and alarms (issue 18): the server checks the states, the texts and the signatures. */
  recordDeviation: (body: NewDeviation) => call<Deviation>("POST", "/api/quality/deviations", body),
  assessDeviation: (id: string, body: AssessDeviation) =>
    call<Deviation>("POST", `/api/quality/deviations/${encodeURIComponent(id)}/assess`, body),
  closeDeviation: (id: string, body: Record<string, unknown>, code?: string) =>
    call<Deviation>("POST", `/api/quality/deviations/${encodeURIComponent(id)}/close`, body, code),
  deviationRecord: (id: string) =>
    call<DeviationRecord>("GET", `/api/quality/deviations/${encodeURIComponent(id)}/record`),
  /** The deviation's report to FDA as submitted (21 CFR 1271.350(b)): the authority's reference and when. */
  reportDeviation: (id: string, body: SubmitReport) =>
    call<Deviation>("POST", `/api/quality/deviations/${encodeURIComponent(id)}/report`, body),
  openCapa: (body: NewCapa) => call<Capa>("POST", "/api/quality/capas", body),
  completeCapa: (id: string, body: CompleteCapa) =>
    call<Capa>("POST", `/api/quality/capas/${encodeURIComponent(id)}/complete`, body),
  acknowledgeAlarm: (id: string, body: Record<string, unknown>, code?: string) =>
    call<Alarm>("POST", `/api/quality/alarms/${encodeURIComponent(id)}/acknowledge`, body, code),
  alarm: (id: string) => call<Alarm>("GET", `/api/quality/alarms/${encodeURIComponent(id)}`),
  /** Closing an alarm: the actions taken and the product impact assessment, signed by quality. */
  closeAlarm: (id: string, body: Record<string, unknown>, code?: string) =>
    call<Alarm>("POST", `/api/quality/alarms/${encodeURIComponent(id)}/close`, body, code),
  sweepAlarms: () => call<SweepOutcome>("POST", "/api/quality/alarms/sweep", {}),
  /** How each device is monitored; its token is shown once, when made, and kept hashed. */
  monitoring: () => call<MonitoringSettings[]>("GET", "/api/quality/monitoring"),
  setMonitoring: (body: MonitoringSettingsInput) =>
    call<MonitoringSettings>("POST", "/api/quality/monitoring", body),
  deviceToken: (device: string) =>
    call<{ device: string; token: string; setAt: string }>(
      "POST",
      `/api/quality/monitoring/${encodeURIComponent(device)}/token`,
      {},
    ),
  importReadings: (device: string, csv: string) =>
    call<ReadingsOutcome>("POST", `/api/quality/monitoring/${encodeURIComponent(device)}/readings`, {
      csv,
    }),
  /** Adverse reactions and complaints (vigilance): recorded by whoever hears of them, run by quality. */
  vigilanceCases: (open: boolean) =>
    call<VigilanceCase[]>("GET", `/api/quality/vigilance?${q({ open: open ? "true" : undefined })}`),
  vigilanceCase: (id: string) =>
    call<VigilanceCase>("GET", `/api/quality/vigilance/${encodeURIComponent(id)}`),
  recordVigilance: (body: NewVigilance) => call<VigilanceCase>("POST", "/api/quality/vigilance", body),
  investigateVigilance: (id: string, findings: string) =>
    call<VigilanceCase>("POST", `/api/quality/vigilance/${encodeURIComponent(id)}/investigation`, {
      findings,
    }),
  reportVigilance: (id: string, body: VigilanceReportInput) =>
    call<VigilanceCase>("POST", `/api/quality/vigilance/${encodeURIComponent(id)}/report`, body),
  closeVigilance: (id: string, body: Record<string, unknown>, code?: string) =>
    call<VigilanceCase>("POST", `/api/quality/vigilance/${encodeURIComponent(id)}/close`, body, code),
  addDevice: (body: NewDevice) => call<StorageDevice>("POST", "/api/storage/devices", body),
  addRack: (body: NewRack) => call<{ id: string; name: string }>("POST", "/api/storage/racks", body),
  addBox: (body: NewBox) => call<{ id: string; name: string }>("POST", "/api/storage/boxes", body),
  boxGrid: (box: string) => call<BoxGrid>("GET", `/api/storage/grid?${q({ box })}`),
  plausibleRanges: () => call<PlausibleRange[]>("GET", "/api/qc/plausible-ranges"),
  /** Reagent and supply lots and equipment (issue 18). */
  lots: () => call<Lot[]>("GET", "/api/materials/lots"),
  addLot: (body: NewLot) => call<Lot>("POST", "/api/materials/lots", body),
  decideLot: (id: string, body: LotDecisionInput) =>
    call<Lot>("POST", `/api/materials/lots/${encodeURIComponent(id)}/decision`, body),
  equipment: () => call<Equipment[]>("GET", "/api/materials/equipment"),
  addEquipment: (body: NewEquipment) => call<Equipment>("POST", "/api/materials/equipment", body),
  recordService: (assetId: string, body: NewService) =>
    call<Equipment>("POST", `/api/materials/equipment/${encodeURIComponent(assetId)}/service`, body),
  /** Look-back and recalls. */
  lookback: (query: LookbackInput) => call<Lookback>("GET", `/api/lookback?${q({ ...query })}`),
  recalls: () => call<RecallSummary[]>("GET", "/api/recalls"),
  recall: (id: string) => call<RecallRecord>("GET", `/api/recalls/${encodeURIComponent(id)}`),
  openRecall: (body: OpenRecall) => call<RecallRecord>("POST", "/api/recalls", body),
  closeRecallAction: (id: string, actionId: string, outcome: string) =>
    call<RecallRecord>(
      "POST",
      `/api/recalls/${encodeURIComponent(id)}/actions/${encodeURIComponent(actionId)}/close`,
      { outcome },
    ),
  closeRecall: (id: string, body: Record<string, unknown>, code?: string) =>
    call<RecallRecord>("POST", `/api/recalls/${encodeURIComponent(id)}/close`, body, code),
  frequencySets: () => call<Static<typeof FrequencyListSchema>>("GET", "/api/frequency-sets"),
  choosePopulation: (body: PopulationChoiceInput) =>
    call<PopulationChoice>("PUT", "/api/population-choices", body),
  imputeListings: () => call<ImputationReport>("POST", "/api/listing-imputations", {}),
  rankingWeights: () => call<RankingWeightsView>("GET", "/api/ranking-weights"),
  setRankingWeights: (body: Record<string, unknown>) =>
    call<RankingWeightsView>("PUT", "/api/ranking-weights", body),
  /** A search; for a registered patient, her record's population choice gives the probabilities. */
  search: (body: SearchRequest, patientMrn?: string) =>
    call<SearchResult>(
      "POST",
      patientMrn === undefined ? "/api/search" : `/api/search?patient=${encodeURIComponent(patientMrn)}`,
      body,
    ),
  /** Runs the search on the server for a registered patient and keeps it with the patient's record. */
  keepSearchReport: (mrn: string, body: SearchReportInput) =>
    call<SearchReport>("POST", `/api/patients/${encodeURIComponent(mrn)}/search-reports`, body),
  searchReports: (mrn: string) =>
    call<{ reports: SearchReportSummary[] }>(
      "GET",
      `/api/patients/${encodeURIComponent(mrn)}/search-reports`,
    ),
  searchReport: (id: string) => call<SearchReport>("GET", `/api/search-reports/${encodeURIComponent(id)}`),
  validateHla: (glString: string) => call<HlaCheckAnswer>("POST", "/api/hla/validate", { glString }),
  users: () => call<{ items: UserListItem[] }>("GET", "/api/users"),
  addUser: (body: AddUser) => call<AddedUser>("POST", "/api/users", body),
  /** An admin's change to one account; the answer is the account's state, or what the change gave. */
  userChange: <A extends keyof UserChanges>(username: string, action: A, body: AccountChange) =>
    call<UserChanges[A]>("POST", `/api/users/${encodeURIComponent(username)}/${action}`, body),
  changeRoles: (username: string, body: RolesChange) =>
    call<User>("PUT", `/api/users/${encodeURIComponent(username)}/roles`, body),
  audit: (filter: AuditFilter, limit: number, offset: number) =>
    call<AuditPage>("GET", `/api/audit?${q({ ...filter, limit, offset })}`),
  /** The address of the CSV export of the same filtered events (a link the browser downloads). */
  auditCsvUrl: (filter: AuditFilter) => `/api/audit.csv?${q(filter)}`,
  auditKinds: () => call<string[]>("GET", "/api/audit/kinds"),
  productAudit: (din: string, product?: string) =>
    call<AuditEvent[]>("GET", `/api/products/${encodeURIComponent(din)}/audit?${q({ product })}`),
  patientAudit: (mrn: string) => call<AuditEvent[]>("GET", `/api/patients/${encodeURIComponent(mrn)}/audit`),
  planAudit: (id: string) => call<AuditEvent[]>("GET", `/api/plans/${encodeURIComponent(id)}/audit`),
  labelPrints: (din: string, product?: string) =>
    call<LabelPrint[]>("GET", `/api/products/${encodeURIComponent(din)}/label-prints?${q({ product })}`),
  /** Prints the label (the server picks final or quarantine); a reprint carries its reason. */
  async printLabel(din: string, product: string | undefined, reason?: string): Promise<PrintedLabel> {
    const { blob, headers } = await callFile(
      `/api/products/${encodeURIComponent(din)}/label-prints?${q({ product })}`,
      { format: "pdf", ...(reason ? { reason } : {}) },
    );
    return {
      kind: headers.get("x-label-kind") === "final" ? "final" : "quarantine",
      copy: Number(headers.get("x-label-copy")),
      blob,
    };
  },
  verifyAudit: () => call<AuditVerification>("GET", "/api/audit/verify"),
  patients: (f: { search?: string; limit: number; offset: number }) =>
    call<PatientPage>("GET", `/api/patients?${q(f)}`),
  patient: (mrn: string) => call<PatientRecord>("GET", `/api/patients/${encodeURIComponent(mrn)}`),
  registerPatient: (body: Record<string, unknown>) => call<Patient>("POST", "/api/patients", body),
  recordWeight: (mrn: string, grams: number, measuredAt: string) =>
    call<Weight>("POST", `/api/patients/${encodeURIComponent(mrn)}/weights`, { grams, measuredAt }),
  eligibility: (mrn: string, protocol: string) =>
    call<Eligibility>("GET", `/api/patients/${encodeURIComponent(mrn)}/eligibility?${q({ protocol })}`),
  protocols: () => call<ProtocolStatus[]>("GET", "/api/protocols"),
  activateProtocol: (id: string, password: string, code?: string) =>
    call<unknown>("POST", `/api/protocols/${id}/activation`, { password }, code),
  enrol: (body: Record<string, unknown>) => call<Plan>("POST", "/api/plans", body),
  plan: (id: string) => call<PlanRecord>("GET", `/api/plans/${id}`),
  orderDose: (planId: string, body: Record<string, unknown>, code?: string) =>
    call<DoseOrder>("POST", `/api/plans/${planId}/orders`, body, code),
  recordMissed: (planId: string, number: number, reason: string) =>
    call<Plan>("POST", `/api/plans/${planId}/doses/${number}/missed`, { reason }),
  bedsideCheck: (body: Record<string, unknown>) => call<BedsideOutcome>("POST", "/api/bedside-checks", body),
  recordInfusion: (body: Record<string, unknown>) => call<Infusion>("POST", "/api/infusions", body),
  due: () => call<DueList>("GET", "/api/therapy/due"),
  heldOrders: () => call<HeldOrderList>("GET", "/api/therapy/held-orders"),
  outcomesReport: (query: ReportQuery = {}) =>
    call<OutcomesReport>("GET", `/api/outcomes/report?${q({ ...query })}`),
  outcomeActions: () => call<Static<typeof ActionsSchema>>("GET", "/api/outcomes/actions"),
  overdueFollowUps: () => call<{ items: OverdueVisit[] }>("GET", "/api/outcomes/overdue"),
  patientOutcomes: (mrn: string) =>
    call<PatientOutcomes>("GET", `/api/patients/${encodeURIComponent(mrn)}/outcomes`),
  forms: () => call<FormSpecs>("GET", "/api/outcomes/forms"),
  correctDeath: (mrn: string, body: Record<string, unknown>) =>
    call<Death>("POST", `/api/patients/${encodeURIComponent(mrn)}/death/correction`, body),
  recordConsent: (body: Record<string, unknown>, code?: string) =>
    call<Consent>("POST", "/api/consents", body, code),
  withdrawConsent: (id: string, reason: string) =>
    call<Consent>("POST", `/api/consents/${id}/withdrawal`, { reason }),
  recordFollowUp: (body: Record<string, unknown>) => call<FollowUpForm>("POST", "/api/follow-ups", body),
  recordAdverseEvent: (body: Record<string, unknown>) =>
    call<AdverseEvent>("POST", "/api/adverse-events", body),
  ctcaeTerms: (q: { q?: string; soc?: string }) =>
    call<CtcaeTerms>(
      "GET",
      `/api/ctcae/terms?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])}`,
    ),
  openReports: () => call<OpenReports>("GET", "/api/adverse-events/open-reports"),
  reportAdverseEvent: (id: string, body: { reportedAt: string; reference: string }) =>
    call<AdverseEvent>("POST", `/api/adverse-events/${encodeURIComponent(id)}/report`, body),
  reference: () => call<ReferenceStatus>("GET", "/api/reference"),
};
