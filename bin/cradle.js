#!/usr/bin/env node
// Entry point of the `cradle` command: runs the compiled CLI from dist/ (built by `npm install` via `prepare`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error("cradle: not built yet. Run `npm run build` in the Cradle folder first.");
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
