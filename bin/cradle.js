#!/usr/bin/env node
// Entry point of the `cradle` command: runs the compiled CLI from dist/ (built by `npm install` via `prepare`).
// `cradle stats` runs its own entry, which loads the statistics only (no database, server or PDF libraries).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = process.argv[2] === "stats" ? "stats-main.js" : "main.js";
const main = new URL(`../dist/src/cli/${entry}`, import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error("cradle: not built yet. Run `npm run build` in the Cradle folder first.");
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
