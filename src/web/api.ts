/**
 * The one typed client the web app uses to reach the server (DESIGN.md: web talks to the server over HTTP
 * only). It keeps the session's CSRF token and sends it with every change; errors arrive as ApiError with
 * the server's code, message and the field at fault. The bank's answers are typed by the bank's own
 * schemas (type-only imports: no server code reaches the bundle).
 */
import type { BankDashboard, Product, ProductPage, ProductRecord } from "../bank/schemas.js";

/** A product's record as its page gets it: the bank's record and the donor's banking consent. */
export type ProductPageData = ProductRecord & {
  bankingConsent: {
    state: "in-force" | "withdrawn" | "none";
    consent?: { withdrawnAt: string | null; withdrawalReason: string | null };
  };
};

export type Role =
  | "admin"
  | "lab-technologist"
  | "physician"
  | "coordinator"
  | "nurse"
  | "quality-manager"
  | "researcher"
  | "auditor";

export interface User {
  username: string;
  printedName: string;
  roles: Role[];
  mustChangePassword: boolean;
}

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

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface PositionGrade {
  patient: string;
  donor: string;
  grade: string;
  confidence: string;
}

export interface LocusGrade {
  locus: string;
  typed: boolean;
  allele: number;
  antigen: number;
  positions: PositionGrade[];
}

export interface SearchHit {
  rank: number;
  id: string;
  grade: {
    summary: { allele8: number; allele10: number; cord6: number; mismatches8: number };
    loci: Record<string, LocusGrade>;
  };
  direction: string;
  dose?: { tncPerKg: number; cd34PerKg: number | null };
  flags: string[];
  reason?: string;
  listing: { bank?: string; registry?: string; abo: string; typing: string };
  bankProduct: string | null;
}

export interface SearchResult {
  total: number;
  excluded: number;
  classCounts: Record<string, number>;
  hits: SearchHit[];
}

export interface RuleResult {
  rule: string;
  passed: boolean;
  reason: string;
}

export interface Patient {
  mrn: string;
  givenName: string;
  familyName: string;
  birthAt: string;
  birthOffset: string;
  sex: string;
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  motherMrn: string | null;
  icd10: string;
  indication: string;
  diagnosis: string;
  hla: string | null;
  antibodies: { specificity: string; mfi?: number }[];
  cordBloodCollectedMl: number | null;
  respiratorySupport: string | null;
}

export interface PlanDose {
  number: number;
  earliest: string;
  latest: string;
  state: "upcoming" | "due" | "overdue" | "given" | "missed";
  missedReason: string | null;
}

export interface DoseOrder {
  id: string;
  planId: string;
  doseNumber: number;
  productId: string;
  weightGrams: number;
  concentrationPerMl: number;
  concentrationSource: string;
  targetPerKg: number;
  drawMl: number;
  deliveredPerKg: number;
  arithmetic: string;
  exceptionReason: string | null;
  state: string;
  orderedAt: string;
  orderedBy: string;
}

export interface BedsideCheck {
  id: string;
  orderId: string;
  outcome: "passed" | "blocked";
  results: RuleResult[];
  administeredBy: string;
  verifiedBy: string;
  checkedAt: string;
}

export interface Plan {
  id: string;
  mrn: string;
  protocolId: string;
  protocolVersion: number;
  state: string;
  consentRef: string;
  consentBy: string;
  day0: string | null;
  conditioningFrom: string | null;
  eligibility: RuleResult[];
  enrolledAt: string;
  enrolledBy: string;
  doses: PlanDose[];
  orders: DoseOrder[];
  checks: BedsideCheck[];
}

export interface Infusion {
  id: string;
  orderId: string;
  productId: string;
  startedAt: string;
  endedAt: string;
  volumeMl: number;
  route: string;
  location: string;
  reactions: { description: string; severity: string }[];
  recordedBy: string;
}

export interface PatientRecord {
  patient: Patient;
  weights: { measuredAt: string; grams: number; recordedBy: string }[];
  plans: Plan[];
  infusions: Infusion[];
}

export interface ProtocolStatus {
  protocol: {
    id: string;
    version: number;
    title: string;
    dosing: string;
    targetPerKg: number;
    minPerKg: number;
    maxPerKg: number;
    route: string;
  };
  active: { version: number; activatedAt: string; activatedBy: string } | null;
  current: boolean;
}

export interface DueDose {
  planId: string;
  mrn: string;
  name: string;
  protocolId: string;
  number: number;
  earliest: string;
  latest: string;
  state: "upcoming" | "due" | "overdue";
  msToLatest: number;
}

export interface KmStep {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface OutcomesReport {
  asOf: string;
  patients: number;
  survival: {
    groups: Record<string, KmStep[]>;
    medians: Record<string, { estimate: number | null; lower: number | null; upper: number | null }>;
    logrank: { chisq: number; df: number; p: number } | null;
  };
  engraftment: {
    group: string;
    points: {
      time: number;
      estimate: number;
      variance: number;
      lower: number | null;
      upper: number | null;
    }[];
    atRisk: number[];
  }[];
  adverseEvents: { term: string; grades: number[]; serious: number }[];
  engraftmentTiming: Record<
    "neutrophil" | "platelet",
    { reached: number; of: number; median: number | null; min: number | null; max: number | null }
  >;
}

export interface Consent {
  id: string;
  scope: string;
  document: string;
  documentVersion: string;
  signedBy: string;
  relationship: string;
  signedAt: string;
  witness: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface Visit {
  visit: string;
  day: number;
  forms: string[];
  dueAt: string;
  state: "upcoming" | "due" | "overdue" | "done";
  recorded: string[];
}

export interface AdverseEvent {
  id: string;
  term: string;
  grade: number;
  serious: boolean;
  attribution: string;
  expected: boolean;
  onsetAt: string;
  expedited: boolean;
  reportDueAt: string | null;
  reportedAt: string | null;
}

export type FormSpec = Record<
  string,
  Record<
    string,
    { kind: string; what: string; required?: boolean; values?: string[]; min?: number; max?: number }
  >
>;

export interface PatientOutcomes {
  consents: Consent[];
  followUp: {
    planId: string;
    protocolId: string;
    visits: Visit[];
    forms: {
      id: string;
      visit: string;
      form: string;
      observedAt: string;
      data: Record<string, unknown>;
      recordedBy: string;
    }[];
  }[];
  adverseEvents: AdverseEvent[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken = "";

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
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
  if (!r.ok)
    throw new ApiError(
      r.status,
      data.code ?? "ERROR",
      data.message ?? r.statusText,
      data.details?.field,
      data.details,
    );
  return data as T;
}

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const api = {
  async signIn(username: string, password: string): Promise<User> {
    const r = await call<{ user: User; csrfToken: string }>("POST", "/api/session", { username, password });
    csrfToken = r.csrfToken;
    return r.user;
  },
  async whoAmI(): Promise<User | undefined> {
    try {
      const r = await call<{ user: User; csrfToken: string }>("GET", "/api/session");
      csrfToken = r.csrfToken;
      return r.user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return undefined;
      throw e;
    }
  },
  signOut: () => call<void>("DELETE", "/api/session"),
  changePassword: (oldPassword: string, newPassword: string) =>
    call<void>("POST", "/api/session/password", { oldPassword, newPassword }),
  products: (f: { limit: number; offset: number; status?: string; source?: string; din?: string }) =>
    call<ProductPage>("GET", `/api/products?${q(f)}`),
  summary: () => call<BankDashboard>("GET", "/api/products/summary"),
  product: (din: string, product?: string) =>
    call<ProductPageData>("GET", `/api/products/${encodeURIComponent(din)}?${q({ product })}`),
  register: (body: Record<string, unknown>) => call<Product>("POST", "/api/products", body),
  step: (din: string, step: string, body: Record<string, unknown>, product?: string) =>
    call<unknown>("POST", `/api/products/${encodeURIComponent(din)}/${step}?${q({ product })}`, body),
  search: (body: Record<string, unknown>) => call<SearchResult>("POST", "/api/search", body),
  validateHla: (glString: string) =>
    call<{ valid: true; lgx: string }>("POST", "/api/hla/validate", { glString }),
  audit: (limit: number, offset: number) =>
    call<Page<AuditEvent>>("GET", `/api/audit?${q({ limit, offset })}`),
  verifyAudit: () =>
    call<{ ok: boolean; events: number; seq?: number; reason?: string; headHash?: string }>(
      "GET",
      "/api/audit/verify",
    ),
  patients: (f: { search?: string; limit: number; offset: number }) =>
    call<Page<Patient>>("GET", `/api/patients?${q(f)}`),
  patient: (mrn: string) => call<PatientRecord>("GET", `/api/patients/${encodeURIComponent(mrn)}`),
  registerPatient: (body: Record<string, unknown>) => call<Patient>("POST", "/api/patients", body),
  recordWeight: (mrn: string, grams: number, measuredAt: string) =>
    call<unknown>("POST", `/api/patients/${encodeURIComponent(mrn)}/weights`, { grams, measuredAt }),
  eligibility: (mrn: string, protocol: string) =>
    call<{ eligible: boolean; results: RuleResult[] }>(
      "GET",
      `/api/patients/${encodeURIComponent(mrn)}/eligibility?${q({ protocol })}`,
    ),
  protocols: () => call<ProtocolStatus[]>("GET", "/api/protocols"),
  activateProtocol: (id: string, password: string) =>
    call<unknown>("POST", `/api/protocols/${id}/activation`, { password }),
  enrol: (body: Record<string, unknown>) => call<Plan>("POST", "/api/plans", body),
  plan: (id: string) => call<Plan>("GET", `/api/plans/${id}`),
  orderDose: (planId: string, body: Record<string, unknown>) =>
    call<DoseOrder>("POST", `/api/plans/${planId}/orders`, body),
  recordMissed: (planId: string, number: number, reason: string) =>
    call<unknown>("POST", `/api/plans/${planId}/doses/${number}/missed`, { reason }),
  bedsideCheck: (body: Record<string, unknown>) =>
    call<{ check: BedsideCheck; signatures: Signature[] }>("POST", "/api/bedside-checks", body),
  recordInfusion: (body: Record<string, unknown>) => call<Infusion>("POST", "/api/infusions", body),
  due: () => call<{ now: string; items: DueDose[] }>("GET", "/api/therapy/due"),
  outcomesReport: () => call<OutcomesReport>("GET", "/api/outcomes/report"),
  overdueFollowUps: () =>
    call<{
      items: {
        planId: string;
        mrn: string;
        name: string;
        protocolId: string;
        visit: string;
        dueAt: string;
      }[];
    }>("GET", "/api/outcomes/overdue"),
  patientOutcomes: (mrn: string) =>
    call<PatientOutcomes>("GET", `/api/patients/${encodeURIComponent(mrn)}/outcomes`),
  forms: () => call<FormSpec>("GET", "/api/outcomes/forms"),
  recordConsent: (body: Record<string, unknown>) => call<Consent>("POST", "/api/consents", body),
  withdrawConsent: (id: string, reason: string) =>
    call<Consent>("POST", `/api/consents/${id}/withdrawal`, { reason }),
  recordFollowUp: (body: Record<string, unknown>) => call<unknown>("POST", "/api/follow-ups", body),
  recordAdverseEvent: (body: Record<string, unknown>) =>
    call<AdverseEvent>("POST", "/api/adverse-events", body),
  reference: () =>
    call<{
      hla: { version: string; provenance: unknown; loadMs: number } | null;
      macs: { updated: string; count: number } | null;
      search: { adults: number; cords: number; loadedAt: string; loadMs: number } | null;
    }>("GET", "/api/reference"),
};
