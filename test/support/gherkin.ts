/** Reads the scenario outlines of a Gherkin .feature file: each scenario's steps and its example rows. */

export interface ExampleRow {
  /** Column name → cell, with Gherkin's "\|" unescaped. */
  cells: Record<string, string>;
  line: number;
}

export interface Outline {
  name: string;
  steps: string[];
  examples: ExampleRow[];
}

function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

export function parseFeature(text: string): Outline[] {
  const out: Outline[] = [];
  let current: Outline | undefined;
  let header: string[] | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (/^Scenario( Outline)?:/.test(line)) {
      current = { name: line.replace(/^Scenario( Outline)?:\s*/, ""), steps: [], examples: [] };
      out.push(current);
      header = undefined;
    } else if (/^Examples:/.test(line)) {
      header = undefined;
    } else if (/^(Given|When|Then|And)\s/.test(line) && current) {
      current.steps.push(line);
    } else if (line.startsWith("|") && current) {
      const cells = cellsOf(line);
      if (!header) header = cells;
      else {
        const row: Record<string, string> = {};
        header.forEach((h, k) => {
          row[h] = cells[k] ?? "";
        });
        current.examples.push({ cells: row, line: i + 1 });
      }
    }
  });
  return out;
}
