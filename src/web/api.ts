/**
 * The one typed client the web app uses to reach the server (DESIGN.md: web talks to the server over HTTP
 * only). It keeps the session's CSRF token and sends it with every change; errors arrive as ApiError with
 * the server's code, message and the field at fault. The types of accounts, the audit trail, reference data
 * and search are the services' own (their schemas, imported type-only: no server code in the bundle).
 */
import type { ChangePassword, SessionAnswer, SignIn, User } from "../accounts/schemas";
import type { AuditEvent, AuditPage, AuditVerification } from "../audit/schemas";
import type { HlaCheckAnswer, ReferenceStatus } from "../search/reference-schemas";
import type { SearchRequest, SearchResult } from "../search/schemas";

export type { Role } from "../accounts/roles";
export type { User } from "../accounts/schemas";
export type { AuditEvent } from "../audit/schemas";
export type { SearchHit, SearchResult } from "../search/schemas";

/** The product statuses, in lifecycle order (the server's src/bank/status.ts is the authority). */
export const PRODUCT_STATUSES = [
  "in_processing",
  "quarantine",
  "available",
  "reserved",
  "shipped",
  "received",
  "infused",
  "discarded",
  "divided",
] as const;

export interface Product {
  id: string;
  din: string;
  dinWithCheck: string;
  code: string;
  productCode: string;
  collectionType: string;
  division: string;
  status: string;
  aboRhD: string | null;
  volumeMl: number;
  expiresAt: string | null;
  storageTemperature: string;
  recipientId: string | null;
  source: string;
  donorId: string;
  collectedAt: string;
  site: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface CriterionResult {
  id: string;
  passed: boolean;
  message: string;
}

export interface Signature {
  id: string;
  username: string;
  printedName: string;
  meaning: string;
  signedAt: string;
  recordHash: string;
}

export interface ProductRecord {
  product: Product;
  trace: {
    collection: {
      donorId: string;
      motherId: string | null;
      consentRef: string;
      collectedAt: string;
      site: string;
      volumeMl: number;
      source: string;
    };
    products: {
      product: Product;
      storage?: { freezer: string; rack: string; box: string; position: string };
      statusHistory: {
        fromStatus: string | null;
        toStatus: string;
        at: string;
        by: string;
        reason: string;
      }[];
      signatures: Signature[];
      reservations: { patientId: string; state: string; reservedAt: string; reason: string }[];
    }[];
    custody: { at: string; event: string; by: string; location: string }[];
    recipients: string[];
  };
  qc: {
    id: string;
    test: string;
    stage: string;
    value: number | null;
    result: string | null;
    unit: string | null;
    testedAt: string;
    recordedBy: string;
  }[];
  processing: {
    step: string;
    performedAt: string;
    performedBy: string;
    method: string | null;
    volumeAfterMl: number | null;
  }[];
  audit: AuditEvent[];
  releaseCheck: CriterionResult[];
  bankingConsent: {
    state: "in-force" | "withdrawn" | "none";
    consent?: { withdrawnAt: string | null; withdrawalReason: string | null };
  };
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
    const body: SignIn = { username, password };
    const r = await call<SessionAnswer>("POST", "/api/session", body);
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
    call<void>("POST", "/api/session/password", { oldPassword, newPassword } satisfies ChangePassword),
  products: (f: { limit: number; offset: number; status?: string; source?: string; din?: string }) =>
    call<Page<Product>>("GET", `/api/products?${q(f)}`),
  summary: () =>
    call<{
      counts: { status: string; source: string; count: number }[];
      expiring: { id: string; din: string; expiresAt: string; status: string }[];
      reservations: { productId: string; patientId: string; reservedAt: string; reason: string }[];
    }>("GET", "/api/products/summary"),
  product: (din: string, product?: string) =>
    call<ProductRecord>("GET", `/api/products/${encodeURIComponent(din)}?${q({ product })}`),
  register: (body: Record<string, unknown>) => call<Product>("POST", "/api/products", body),
  step: (din: string, step: string, body: Record<string, unknown>, product?: string) =>
    call<unknown>("POST", `/api/products/${encodeURIComponent(din)}/${step}?${q({ product })}`, body),
  search: (body: SearchRequest) => call<SearchResult>("POST", "/api/search", body),
  validateHla: (glString: string) => call<HlaCheckAnswer>("POST", "/api/hla/validate", { glString }),
  audit: (limit: number, offset: number) => call<AuditPage>("GET", `/api/audit?${q({ limit, offset })}`),
  verifyAudit: () => call<AuditVerification>("GET", "/api/audit/verify"),
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
  reference: () => call<ReferenceStatus>("GET", "/api/reference"),
};
