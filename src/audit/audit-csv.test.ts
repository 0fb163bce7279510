/** The audit CSV and the filters, without a database: what a spreadsheet user and an auditor would check. */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsv, auditFilterOf } from "./reads.js";
import type { AuditEvent } from "./schemas.js";

const ALL = { patients: true, donors: true };

function event(over: Partial<AuditEvent>): AuditEvent {
  return {
    seq: 1,
    at: "2026-03-01T04:30:00.000Z",
    actor: "lab1",
    action: "label.reprint",
    entityType: "product",
    entityId: "G123426000001:S1234V00",
    before: undefined,
    after: { copy: 2 },
    reason: "smudged",
    hash: "a".repeat(64),
    ...over,
  };
}

const rows = (csv: string) => parse(csv, { relaxQuotes: false }) as string[][];

describe("audit CSV", () => {
  it("starts with the header row and writes one row per event", () => {
    const [head, ...body] = rows(auditCsv([event({ seq: 7 }), event({ seq: 6 })]));
    expect(head).toEqual([
      "seq",
      "at",
      "actor",
      "action",
      "entityType",
      "entityId",
      "reason",
      "before",
      "after",
      "hash",
    ]);
    expect(body.map((r) => r[0])).toEqual(["7", "6"]);
    expect(body[0]?.[8]).toBe('{"copy":2}');
    expect(body[0]?.[7]).toBe("");
  });

  it("makes a cell that a spreadsheet would run as a formula inert with a leading '", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const reason = `${start}HYPERLINK("http://x.example","click")`;
      const [, row] = rows(auditCsv([event({ reason, actor: `${start}cmd` })]));
      expect(row?.[6], JSON.stringify(start)).toBe(`'${reason}`);
      expect(row?.[2]).toBe(`'${start}cmd`);
    }
    // A value that only contains such a character later is left as written.
    const [, plain] = rows(auditCsv([event({ reason: "a=b, c-d" })]));
    expect(plain?.[6]).toBe("a=b, c-d");
  });

  it("quotes commas, doubles quotes and keeps a newline inside its cell", () => {
    const reason = 'label "torn", reprinted\nsecond line';
    const csv = auditCsv([event({ reason })]);
    expect(csv).toContain('"label ""torn"", reprinted\nsecond line"');
    const parsed = rows(csv);
    expect(parsed).toHaveLength(2);
    expect(parsed[1]?.[6]).toBe(reason);
  });

  it("writes every time in UTC with its Z, whatever zone it was given in", () => {
    const [, row] = rows(auditCsv([event({ at: "2026-03-01T00:30:00-05:00" })]));
    expect(row?.[1]).toBe("2026-03-01T05:30:00.000Z");
  });

  it("writes an empty reason as an empty cell, not the word null", () => {
    const [, row] = rows(auditCsv([event({ reason: null })]));
    expect(row?.[6]).toBe("");
  });
});

describe("audit filters", () => {
  it("turns from and to into UTC instants, from inclusive and to exclusive", () => {
    const f = auditFilterOf({ from: "2026-03-01T00:00:00-05:00", to: "2026-03-02T00:00:00+01:00" }, ALL);
    expect(f.from).toBe("2026-03-01T05:00:00.000Z");
    expect(f.to).toBe("2026-03-01T23:00:00.000Z");
  });

  it("refuses from after to, naming from", () => {
    expect(() =>
      auditFilterOf({ from: "2026-03-02T00:00:00Z", to: "2026-03-01T23:59:59Z" }, ALL),
    ).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ field: "from" }) }),
    );
    // The same instant written in two zones is not "after".
    expect(() =>
      auditFilterOf({ from: "2026-03-01T05:00:00Z", to: "2026-03-01T00:00:00-05:00" }, ALL),
    ).not.toThrow();
  });

  it("refuses an unknown kind naming it, and reads several kinds once each", () => {
    expect(() => auditFilterOf({ kind: "label.print,product.relase" }, ALL)).toThrowError(
      /kind "product.relase" is not a kind of audit event/,
    );
    expect(auditFilterOf({ kind: "label.print,label.reprint,label.print" }, ALL).actions).toEqual([
      "label.print",
      "label.reprint",
    ]);
  });

  it("keeps a reader without patient access from searching patients' events by id", () => {
    expect(auditFilterOf({ entityId: "MRN-1" }, { patients: false, donors: true }).excludeTypes).toContain(
      "patient",
    );
    expect(auditFilterOf({ entityId: "MRN-1" }, ALL).excludeTypes).toBeUndefined();
  });
});
