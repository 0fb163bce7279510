/**
 * `cradle serve`: the web app and API, with the settings of src/config (a wrong one stops the start). On
 * the first start it creates user admin (password from
 * CRADLE_ADMIN_PASSWORD, else a one-time password printed once that must be changed at first sign-in),
 * and with an empty database loads the demo program (CRADLE_DEMO=0 to skip).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { Type } from "typebox";
import { ensureFirstAdmin } from "../accounts/users.js";
import { checkBeforeStart } from "../audit/database-check.js";
import { bankIsEmpty } from "../bank/index.js";
import { HostSchema, config } from "../config/index.js";
import { Int, Obj } from "../contract/index.js";
import { openHla } from "../hla/reference/open.js";
import { ScanPool } from "../matching/scan-pool.js";
import { countListings } from "../search/index.js";
import { loadIndex } from "../search/index.js";
import { demoPassword, demoSize, loadDemo } from "../seeds/index.js";
import { buildApp } from "../server/app.js";
import type { ServerContext } from "../server/context.js";
import { openStore } from "../store/connect.js";
import { optionsInput } from "./input.js";

// dist/src/cli → dist/web, where vite builds the app.
const WEB_DIR = join(import.meta.dirname, "..", "..", "web");

/** --port and --host are held to the rules of PORT and HOST. */
const ServeOptions = Obj({
  /** 0 asks the system for a free port (tests, side-by-side servers); it is printed once listening. */
  port: Type.Optional(Int(0, 65535)),
  host: Type.Optional(HostSchema),
});

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("start the web app and API (PORT, default 3000; CRADLE_DATABASE_URL)")
    .option("--port <n>", "port (default $PORT or 3000)")
    .option("--host <host>", "address to listen on (default $HOST or localhost)")
    .action(async (o: { port?: string; host?: string }) => {
      const c = config();
      const given = optionsInput(ServeOptions, o, ["port", "host"]);
      const port = given.port ?? c.port;
      const host = given.host ?? c.host;
      const log = (m: string) => console.log(`cradle: ${m}`);
      // A damaged database is never served: refused before anything (migrations included) writes to it.
      const url = c.databaseUrl;
      const before = await checkBeforeStart(url);
      if (before !== "new") {
        if (before.state !== "ok") {
          const failed = before.checks.filter((k) => !k.ok);
          console.error(
            `cradle: refusing to start: the database ${before.location} is ${before.state}: ${failed.map((k) => `${k.name}: ${k.detail}`).join("; ")}. Run \`cradle db check\` for a full report; restore from a backup if it is damaged.`,
          );
          process.exitCode = 2;
          return;
        }
        log(
          `database checked in ${Math.round(before.ms)} ms: ${before.checks.map((k) => k.name).join(", ")} ok`,
        );
      }
      const store = await openStore(url);
      log(
        `database ${store.location}${store.migrated.length ? ` (migrated ${store.migrated.join(", ")})` : ""}`,
      );
      const admin = await ensureFirstAdmin(store, c.adminPassword, new Date());
      if (admin === "given") log("created user admin with CRADLE_ADMIN_PASSWORD");
      else if (admin !== undefined) {
        log(
          `created user admin with the one-time password ${admin.oneTimePassword} (shown once; change it at first sign-in)`,
        );
      }
      let hla: Awaited<ReturnType<typeof openHla>> | undefined;
      try {
        hla = await openHla({ hlaDir: c.hlaDir, macFile: c.macFile });
        log(
          `IMGT/HLA ${hla.engine.release.version}${hla.macs ? `, ${hla.macs.count} MACs` : ", no MAC file"}`,
        );
      } catch (e) {
        log(`no IMGT/HLA release: HLA and search are off (${(e as Error).message})`);
      }
      const empty = await bankIsEmpty(store);
      const counts = await countListings(store);
      if (hla && empty && counts.adult + counts.cord === 0 && c.demo) {
        const scale = c.demoScale;
        const password = demoPassword(c.demoPassword);
        const t0 = performance.now();
        const r = await loadDemo({
          store,
          engine: hla.engine,
          ...(c.frequenciesFile ? { frequenciesFile: c.frequenciesFile } : {}),
          ...demoSize(scale),
          seed: 2026,
          now: new Date(),
          password,
          log,
        });
        log(
          `demo loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${r.products} products, ${r.adults} adult donors, ${r.cords} cord units`,
        );
        log(
          `demo users lab, quality, coordinator, physician, nurse, auditor, researcher; password ${c.demoPassword ? "from CRADLE_DEMO_PASSWORD" : password}`,
        );
      }
      let search: ServerContext["search"];
      if (hla) {
        const t0 = performance.now();
        const index = await loadIndex(store, hla.engine);
        const loadMs = performance.now() - t0;
        search = { index, pool: new ScanPool(), loadedAt: new Date().toISOString(), loadMs };
        log(
          `search index: ${index.count("adult")} adults, ${index.count("cord")} cords in ${Math.round(loadMs)} ms`,
        );
      }
      const app = await buildApp({
        store,
        now: () => new Date(),
        ...(hla ? { hla } : {}),
        ...(search ? { search } : {}),
        webDir: WEB_DIR,
        logger: { level: c.logLevel },
      });
      const close = async () => {
        await app.close();
        await search?.pool?.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", close);
      process.once("SIGTERM", close);
      await app.listen({ port, host });
      log(`listening on http://${host}:${port}`);
      await new Promise(() => {});
    });
}
