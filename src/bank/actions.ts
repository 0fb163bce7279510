/**
 * The actions a user may take now on one product: the roles of BANK_ROLES and the statuses each step needs,
 * so a page shows only the buttons the service would accept (the service still checks every one).
 */
import {
  BANK_ROLES,
  type BankAction,
  DIVIDABLE,
  PRODUCT_ACTIONS,
  type ProductAction,
  type ProductStatus,
  QC_RECORDABLE,
  STEP_STATUSES,
  STORABLE,
  TRANSITIONS,
} from "./constants.js";

/** The facts about a product the actions depend on. */
export interface ActionFacts {
  status: ProductStatus;
  division: string;
  stored: boolean;
  reserved: boolean;
  /** On an open hold: nothing moves it on but a quality manager's signed disposition (or a discard). */
  held: boolean;
}

/** Which role list each action is checked against. */
const ROLE_OF: Readonly<Record<ProductAction, BankAction>> = {
  process: "process",
  qc: "qc",
  divide: "process",
  store: "store",
  move: "store",
  release: "release",
  reserve: "reserve",
  unreserve: "reserve",
  ship: "ship",
  "temperature-log": "receive",
  receive: "receive",
  discard: "discard",
  disposition: "disposition",
  label: "label",
};

const PROCESSABLE = new Set(Object.values(STEP_STATUSES).flat());
const moves = (f: ActionFacts, to: ProductStatus) => TRANSITIONS[f.status].includes(to);

const POSSIBLE: Readonly<Record<ProductAction, (f: ActionFacts) => boolean>> = {
  // Any live product can be labelled (bank/labels.ts picks final or quarantine); a terminal one is history.
  label: (f) => TRANSITIONS[f.status].length > 0,
  process: (f) => PROCESSABLE.has(f.status),
  qc: (f) => QC_RECORDABLE.includes(f.status),
  divide: (f) => DIVIDABLE.includes(f.status) && f.division === "00",
  store: (f) => STORABLE.includes(f.status) && !f.stored,
  move: (f) => STORABLE.includes(f.status) && f.stored,
  release: (f) => f.status === "quarantine" && moves(f, "available"),
  reserve: (f) => !f.held && moves(f, "reserved"),
  unreserve: (f) => f.status === "reserved" && f.reserved,
  ship: (f) => !f.held && moves(f, "shipped") && f.reserved,
  "temperature-log": (f) => f.status === "shipped",
  receive: (f) => !f.held && moves(f, "received"),
  discard: (f) => moves(f, "discarded"),
  disposition: (f) => f.held,
};

export function productActions(roles: readonly string[], f: ActionFacts): ProductAction[] {
  return PRODUCT_ACTIONS.filter(
    (a) => (BANK_ROLES[ROLE_OF[a]] as readonly string[]).some((r) => roles.includes(r)) && POSSIBLE[a](f),
  );
}
