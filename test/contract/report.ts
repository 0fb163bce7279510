/**
 * Judging each answer to a bad case and the figures the issue's closing note needs: cases generated,
 * answered 422 naming the field, other answers by kind, 5xx, writes, and the failing cases grouped by
 * route and field.
 */
import { ROOT } from "./cases.js";
import type { BadCase } from "./generate.js";

export interface Outcome {
  c: BadCase;
  status: number;
  code?: string;
  field?: string;
  message?: string;
}

/** The refusal names the broken field: in details.field (or a path below it), or leading the message. */
export function names(o: Outcome, field: string): boolean {
  // The whole body refused: the validator calls it "input", the JSON parser "body".
  if (field === ROOT) return o.field === ROOT || o.field === "body";
  if (typeof o.field === "string" && (o.field === field || o.field.startsWith(`${field}.`))) return true;
  const m = o.message ?? "";
  return m.startsWith(field) && /^($|[ ".])/.test(m.slice(field.length));
}

export function passed(o: Outcome): boolean {
  return o.status === 422 && o.code === "INVALID_INPUT" && names(o, o.c.field);
}

/** How a failing answer went, in a few characters: "200", "404 PATIENT_NOT_FOUND", "422 named mrn". */
function kind(o: Outcome): string {
  if (o.status === 422 && o.code === "INVALID_INPUT") return `422 naming ${o.field ?? "no field"}`;
  return o.code ? `${o.status} ${o.code}` : String(o.status);
}

export interface Figures {
  cases: number;
  refused: number;
  refusedUnnamed: number;
  accepted: number;
  other4xx: number;
  server5xx: number;
  writes: number;
}

export function figures(outcomes: Outcome[], writes: Map<string, number>): Figures {
  const f = {
    cases: outcomes.length,
    refused: 0,
    refusedUnnamed: 0,
    accepted: 0,
    other4xx: 0,
    server5xx: 0,
    writes: [...writes.values()].reduce((a, b) => a + b, 0),
  };
  for (const o of outcomes) {
    if (passed(o)) f.refused++;
    else if (o.status === 422) f.refusedUnnamed++;
    else if (o.status < 400) f.accepted++;
    else if (o.status >= 500) f.server5xx++;
    else f.other4xx++;
  }
  return f;
}

/** The report: figures, then failing cases by route and field (the first `limit` groups). */
export function report(
  dialect: string,
  outcomes: Outcome[],
  writes: Map<string, number>,
  gaps: string[],
  limit: number,
): string {
  const f = figures(outcomes, writes);
  const where = [...writes].map(([t, n]) => `${t} ${n}`).join(", ");
  const lines = [
    `bad input on ${dialect}: ${f.cases} cases, ${f.refused} answered 422 naming the field, ` +
      `${f.refusedUnnamed} other 422, ${f.accepted} accepted (2xx/3xx), ${f.other4xx} other 4xx, ` +
      `${f.server5xx} 5xx, writes made: ${f.writes} row(s)${where ? ` (${where})` : ""}`,
  ];
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes.filter((x) => !passed(x))) {
    const key = `${o.c.route} ${o.c.part}.${o.c.field}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const byRoute = new Set([...groups.keys()].map((k) => k.split(" ").slice(0, 2).join(" ")));
  const routes = new Set(outcomes.map((o) => o.c.route));
  lines.push(`failing: ${groups.size} field(s) on ${byRoute.size} of ${routes.size} route(s) taking input`);
  for (const [key, list] of [...groups].slice(0, limit)) {
    const kinds = new Map<string, number>();
    for (const o of list) kinds.set(kind(o), (kinds.get(kind(o)) ?? 0) + 1);
    const how = [...kinds].map(([k, n]) => `${k}×${n}`).join(", ");
    lines.push(
      `  ${key}: ${list.length} (${how}) e.g. ${list
        .map((o) => o.c.what)
        .slice(0, 4)
        .join("; ")}`,
    );
  }
  if (groups.size > limit)
    lines.push(`  … ${groups.size - limit} more: run with CRADLE_CONTRACT_REPORT=1 for all`);
  for (const g of gaps) lines.push(`generator gap: ${g}`);
  return lines.join("\n");
}
