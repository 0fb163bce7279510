/**
 * The ISBT 128 product description table is licensed by ICCBBA to each user: Cradle ships none and
 * imports the user's own as CSV with a header naming at least `code` and `description` (optional
 * `class`, `modifiers`, `attributes`). Every row is checked before any is written.
 */
import { parse } from "csv-parse/sync";
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { DescriptionsImportSchema } from "./schemas.js";

export interface ProductDescription {
  code: string;
  description: string;
  className: string | null;
  modifiers: string | null;
  attributes: string | null;
}

export function parseProductDescriptions(csv: string): ProductDescription[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `product descriptions: not CSV: ${(e as Error).message}`, {
      field: "csv",
    });
  }
  const first = rows[0];
  if (!first || !("code" in first) || !("description" in first)) {
    throw new CradleError(
      "INVALID_INPUT",
      "product descriptions: the header needs code and description columns",
      { field: "header" },
    );
  }
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const line = i + 2;
    const code = (r.code ?? "").toUpperCase();
    if (!/^[A-Z]\d{4}$/.test(code)) {
      throw new CradleError(
        "INVALID_INPUT",
        `product descriptions line ${line}: code "${r.code}" is not a letter and four digits`,
        { field: "code", line, value: r.code },
      );
    }
    if (seen.has(code))
      throw new CradleError(
        "INVALID_INPUT",
        `product descriptions line ${line}: code ${code} appears twice`,
        { field: "code", line, value: code },
      );
    seen.add(code);
    const description = r.description ?? "";
    if (description === "")
      throw new CradleError("INVALID_INPUT", `product descriptions line ${line}: description is empty`, {
        field: "description",
        line,
      });
    return {
      code,
      description,
      className: r.class || null,
      modifiers: r.modifiers || null,
      attributes: r.attributes || null,
    };
  });
}

/** Imports (replacing codes already present); returns how many rows. */
export async function importProductDescriptions(
  store: Store,
  csvInput: string,
  fromInput: string,
  act: Act,
): Promise<number> {
  allow(act, "importDescriptions");
  const { csv, source: from } = check(DescriptionsImportSchema, { csv: csvInput, source: fromInput });
  const rows = parseProductDescriptions(csv);
  const importedAt = act.at.toISOString();
  await write(store, async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insertInto("productDescription")
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, importedAt, importedFrom: from })))
        .onConflict((oc) =>
          oc.column("code").doUpdateSet((eb) => ({
            description: eb.ref("excluded.description"),
            className: eb.ref("excluded.className"),
            modifiers: eb.ref("excluded.modifiers"),
            attributes: eb.ref("excluded.attributes"),
            importedAt,
            importedFrom: from,
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      actor: act.user.username,
      action: "product-descriptions.import",
      entityType: "product-descriptions",
      entityId: from,
      after: { rows: rows.length, codes: rows.map((r) => r.code) },
      at: act.at,
    });
  });
  return rows.length;
}

export async function describeProductCode(
  db: Store["db"],
  code: string,
): Promise<ProductDescription | undefined> {
  return db
    .selectFrom("productDescription")
    .select(["code", "description", "className", "modifiers", "attributes"])
    .where("code", "=", code)
    .executeTakeFirst();
}
