/**
 * The groups a user compares and the test of them: log-rank for survival, Gray's test for engraftment
 * (death competing). A test runs only within one comparable population (one protocol or one indication),
 * never across populations; a group with fewer than MIN_GROUP_SUBJECTS is listed with its size and left
 * out of the test.
 */
import { grayTest } from "../stats/cumulative-incidence.js";
import { logRank } from "../stats/logrank.js";
import { protocolById } from "../therapy/index.js";
import type { GroupTest, ReportQuery } from "./comparison-schemas.js";
import { type Grouping, MIN_GROUP_SUBJECTS } from "./comparisons.js";

/** What a test reads of a treated plan's outcome (reports.ts's PlanOutcome), with its group. */
export interface GroupedOutcome {
  protocolId: string;
  protocolVersion: number;
  survivalDays: number;
  died: boolean;
  /** 0 censored, 1 engrafted, 2 died first. */
  engraftmentStatus: number;
  engraftmentTime: number;
  group: string;
}

/** What a plan's group may be read from besides the plan: its indication and the graft's HLA match class. */
export interface GroupFacts {
  indication: string;
  /** hla-match.ts's class: "5/6", "8/8", "not-applicable", "not-recorded"… */
  hlaMatch: string;
  /** The randomised arm, or null for a plan on a protocol without arms. */
  arm: string | null;
}

/** The label of a plan's group: the protocol, "version 2", the indication, the donor type or the HLA match. */
export function groupOf(
  o: Pick<GroupedOutcome, "protocolId" | "protocolVersion">,
  facts: GroupFacts,
  by: Grouping,
): string {
  if (by === "protocol") return o.protocolId;
  if (by === "protocol-version") return `${o.protocolId} version ${o.protocolVersion}`;
  if (by === "indication") return facts.indication;
  if (by === "hla-match") return `HLA ${facts.hlaMatch}`;
  if (by === "arm") return facts.arm === null ? "not randomised" : `arm ${facts.arm}`;
  return protocolById(o.protocolId).product.autologous ? "autologous" : "allogeneic";
}

/** Group names in R's factor order (sorted), so a test's order is survdiff's and cuminc's. */
export function groupNames(outcomes: readonly GroupedOutcome[]): string[] {
  return [...new Set(outcomes.map((o) => o.group))].sort();
}

type Kind = "survival" | "engraftment";

function sizes(outcomes: readonly GroupedOutcome[], kind: Kind) {
  return groupNames(outcomes).map((group) => {
    const members = outcomes.filter((o) => o.group === group);
    const events = members.filter((o) => (kind === "survival" ? o.died : o.engraftmentStatus === 1)).length;
    return { group, subjects: members.length, events, members };
  });
}

/** The test of the groups in one population; query says whether a population was chosen. */
export function testGroups(outcomes: readonly GroupedOutcome[], query: ReportQuery, kind: Kind): GroupTest {
  const test = kind === "survival" ? "log-rank" : "gray";
  const all = sizes(outcomes, kind);
  const tested = all.filter((g) => g.subjects >= MIN_GROUP_SUBJECTS);
  const out = (reason: string | null, result: GroupTest["result"] = null): GroupTest => ({
    test,
    groups: tested.map(({ group, subjects, events }) => ({ group, subjects, events })),
    tooFew: all
      .filter((g) => g.subjects < MIN_GROUP_SUBJECTS)
      .map(({ group, subjects, events }) => ({ group, subjects, events })),
    result,
    reason,
  });
  if (query.groupBy === "arm" && query.protocol === undefined) {
    return out("arms are compared within one randomised protocol: choose the protocol");
  }
  if (query.protocol === undefined && query.indication === undefined) {
    return out("no test across populations: choose one protocol or one indication");
  }
  if (tested.length < 2) {
    return out(`fewer than 2 groups with at least ${MIN_GROUP_SUBJECTS} subjects`);
  }
  if (tested.every((g) => g.events === 0)) {
    return out(
      kind === "survival" ? "no deaths in the groups tested" : "no engraftment in the groups tested",
    );
  }
  try {
    if (kind === "survival") {
      const r = logRank(tested.map((g) => g.members.map((o) => ({ time: o.survivalDays, event: o.died }))));
      return out(null, { stat: r.chisq, df: r.df, p: r.p });
    }
    const r = grayTest(
      tested.map((g) => g.members.map((o) => ({ time: o.engraftmentTime, cause: o.engraftmentStatus }))),
      1,
    );
    return out(null, { stat: r.stat, df: r.df, p: r.p });
  } catch (e) {
    // A singular variance (e.g. every event at one time in one group): no statistic exists.
    if (e instanceof RangeError) return out(`no test: ${e.message}`);
    throw e;
  }
}

/** A test as one line: "log-rank test of A (n = 12, 3 events) and B (…): chi-square 1.234 on 1 df, p 0.2665". */
export function testLine(t: GroupTest): string {
  const what = t.test === "log-rank" ? "log-rank test (survival)" : "Gray's test (engraftment)";
  const groups = t.groups.map((g) => `${g.group} (n = ${g.subjects}, ${g.events} events)`).join(" vs ");
  const few = t.tooFew.length
    ? `; not tested, fewer than ${MIN_GROUP_SUBJECTS} subjects: ${t.tooFew.map((g) => `${g.group} (n = ${g.subjects})`).join(", ")}`
    : "";
  const result = t.result
    ? `chi-square ${t.result.stat.toFixed(3)} on ${t.result.df} df, p ${t.result.p.toFixed(4)}`
    : (t.reason ?? "");
  return `${what}${groups ? ` of ${groups}` : ""}: ${result}${few}`;
}
