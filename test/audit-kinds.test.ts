/**
 * Holds the audit area's list of event kinds (src/audit/kinds.ts) to what the code writes: every literal
 * action under src/, every `<attempt>.refused`, and each family's suffixes to the service's own list.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_KINDS, KIND_FAMILIES, REFUSED_ATTEMPTS, unknownKind } from "../src/audit/kinds.js";
import { SIGNATURE_MEANINGS } from "../src/audit/signatures.js";
import { PROCESSING_STEPS, PRODUCT_STATUSES, QC_TEST_NAMES } from "../src/bank/constants.js";
import { FORMS } from "../src/outcomes/form-fields.js";

const SRC = resolve(import.meta.dirname, "..", "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === "web" ? [] : sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}
const code = sources(SRC).map((p) => readFileSync(p, "utf8"));

describe("audit kinds", () => {
  it("lists every action written as a literal", () => {
    const written = new Set<string>();
    for (const text of code) {
      for (const m of text.matchAll(/action: (?:[^"\n]*\? )?"([a-z0-9.-]+)"(?: : "([a-z0-9.-]+)")?/g)) {
        written.add(m[1] as string);
        if (m[2]) written.add(m[2]);
      }
    }
    // accounts/admin.ts passes its Action union through.
    const admin = code.find((t) => t.includes('type Action = "user.disable"')) ?? "";
    const union = /type Action = ([^;]+);/.exec(admin)?.[1] ?? "";
    for (const m of union.matchAll(/"([a-z.-]+)"/g)) written.add(m[1] as string);
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((k) => !AUDIT_KINDS.includes(k))).toEqual([]);
  });

  it("lists every refused attempt", () => {
    const attempts = new Set<string>();
    for (const text of code)
      for (const m of text.matchAll(/auditRefusals\(\s*store,\s*act,\s*"([a-z.-]+)"/g))
        attempts.add(m[1] as string);
    expect([...attempts].sort()).toEqual([...REFUSED_ATTEMPTS].sort());
  });

  it("expands each family from the service's own list", () => {
    expect(KIND_FAMILIES["product.status"]).toEqual([...PRODUCT_STATUSES]);
    expect(KIND_FAMILIES["product.process"]).toEqual([...PROCESSING_STEPS]);
    expect([...KIND_FAMILIES["product.qc"]].sort()).toEqual([...QC_TEST_NAMES].sort());
    expect([...KIND_FAMILIES["follow-up"]].sort()).toEqual(Object.keys(FORMS).sort());
    expect(KIND_FAMILIES.signature).toEqual([...SIGNATURE_MEANINGS]);
  });

  it("names the first unknown kind of a list", () => {
    expect(
      unknownKind(["product.release.refused", "signature.refused", "infusion.override"]),
    ).toBeUndefined();
    expect(unknownKind(["label.print", "product.relase"])).toBe("product.relase");
  });
});
