import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import { join } from "node:path";
import type { Command } from "commander";
import { Type } from "typebox";
import { prepareTotpSecrets } from "../accounts/totp.js";
import { ensureFirstAdmin } from "../accounts/users.js";
import { checkBeforeStart } from "../audit/database-check.js";
import { bankIsEmpty } from "../bank/index.js";
import { HostSchema, config } from "../config/index.js";
import { Int, Obj } from "../contract/index.js";
/**
 * `cradle serve`: the web app and API, with the settings of src/config (a wrong one stops the start). On
 * the first start it creates user admin (password from
 * CRADLE_ADMIN_PASSWORD, else a one-time password printed once that must be changed at first sign-in),
 * and with an empty database loads the demo program (CRADLE_DEMO=0 to skip).
 *
 * It listens at once: while it prepares (database check, migrations, reference data, demo, search index)
 * `/` shows a page with the step and how far it is, `/api/health` that state, other API calls 503 STARTING
 * with Retry-After. A demo load cut short by a killed process is reported with the fix (exit 2).
 */
import { isCradleError } from "../errors.js";
import { openHla } from "../hla/reference/open.js";
import { ScanPool } from "../matching/scan-pool.js";
import { loadCtcae } from "../outcomes/ctcae-file.js";
import type { CtcaeDictionary } from "../outcomes/index.js";
import { countListings } from "../search/index.js";
import { IndexFollower, indexHead, loadIndex } from "../search/index.js";
import {
  DEMO_USERS,
  demoLoadState,
  demoPassword,
  demoSize,
  interruptedLoadReport,
  loadDemo,
} from "../seeds/index.js";
import { buildApp } from "../server/app.js";
import type { ServerContext } from "../server/context.js";
import { type Store, openStore } from "../store/connect.js";
import { optionsInput } from "./input.js";
import { preparingHandler } from "./preparing-server.js";
import { rememberReference } from "./reference.js";
import { StartProgress } from "./start-progress.js";

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
      // Listen first: a first start takes minutes, and a port that refuses connections tells no one why.
      // Until the app is ready every request gets the preparing answers (preparing-server.ts).
      const progress = new StartProgress(STEPS);
      let handle: (req: IncomingMessage, res: ServerResponse) => void = preparingHandler(progress);
      const server = createServer((req, res) => handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, resolve);
      });
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      log(`answering on http://${host}:${bound} while preparing`);
      const stop = (message: string) => {
        progress.failed(message);
        console.error(`cradle: ${message}`);
        process.exitCode = 2;
        server.close();
        server.closeAllConnections();
      };
      // Whatever fails while preparing (a setting refused, the database, the reference data) stops the start
      // with its reason: a server left answering "starting" forever is worse than one that exits.
      let ready: Awaited<ReturnType<typeof prepare>>;
      try {
        ready = await prepare(c, progress, log, stop);
      } catch (e) {
        stop(isCradleError(e) ? `${e.code}: ${e.message}` : (e as Error).message);
        process.exit(2);
      }
      if (!ready) return;
      const { store, hla, ctcae, search, follower } = ready;
      progress.step("starting the web app");
      const app = await buildApp({
        store,
        now: () => new Date(),
        ...(hla ? { hla } : {}),
        ...(ctcae ? { ctcae } : {}),
        ...(search ? { search } : {}),
        webDir: WEB_DIR,
        logger: { level: c.logLevel },
      });
      await app.ready();
      // From here every request is the app's, on the socket that answered while preparing.
      handle = app.routing;
      progress.ready();
      const close = async () => {
        server.close();
        server.closeAllConnections();
        await app.close();
        // A poll in flight finishes before the store closes (no "pool ended" error on the way out).
        await follower?.stop();
        await search?.pool?.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", close);
      process.once("SIGTERM", close);
      log(`listening on http://${host}:${bound}`);
      await new Promise(() => {});
    });
}

/** The steps a start runs, for "step n of N"; a start with nothing to load skips some. */
const STEPS = 6;

interface Prepared {
  store: Store;
  hla: Awaited<ReturnType<typeof openHla>> | undefined;
  ctcae: CtcaeDictionary | undefined;
  search: ServerContext["search"];
  /** Keeps the index in step with listings other processes write; stopped before the store closes. */
  follower: IndexFollower | undefined;
}

/**
 * Everything before the app can answer: the database check, migrations, the first admin, the reference
 * data, the demo (first start) and the search index. Returns undefined after `stop` when the start must
 * not go on (a damaged database, a demo load cut short).
 */
async function prepare(
  c: ReturnType<typeof config>,
  progress: StartProgress,
  log: (m: string) => void,
  stop: (message: string) => void,
): Promise<Prepared | undefined> {
  // A damaged database is never served: refused before anything (migrations included) writes to it.
  const url = c.databaseUrl;
  progress.step("checking the database");
  const before = await checkBeforeStart(url);
  if (before !== "new") {
    if (before.state !== "ok") {
      const failed = before.checks.filter((k) => !k.ok);
      stop(
        `refusing to start: the database ${before.location} is ${before.state}: ${failed.map((k) => `${k.name}: ${k.detail}`).join("; ")}. Run \`cradle db check\` for a full report; restore from a backup if it is damaged.`,
      );
      return undefined;
    }
    log(`database checked in ${Math.round(before.ms)} ms: ${before.checks.map((k) => k.name).join(", ")} ok`);
  }
  progress.step("migrating the database");
  const store = await openStore(url);
  log(`database ${store.location}${store.migrated.length ? ` (migrated ${store.migrated.join(", ")})` : ""}`);
  // A demo load the process did not finish is reported, never served half-loaded.
  const load = await demoLoadState(store);
  if (load.state === "interrupted") {
    await store.close();
    stop(interruptedLoadReport(load, store.location));
    return undefined;
  }
  let sealed: number;
  try {
    sealed = await prepareTotpSecrets(store);
  } catch (e) {
    // A secret that will not open would lock its user out at every sign-in: refuse to start instead.
    await store.close();
    stop((e as Error).message);
    return undefined;
  }
  if (sealed > 0) log(`sealed ${sealed} authenticator secret(s) with the key in CRADLE_TOTP_KEY_FILE`);
  const admin = await ensureFirstAdmin(store, c.adminPassword, new Date());
  if (admin === "given") log("created user admin with CRADLE_ADMIN_PASSWORD");
  else if (admin !== undefined) {
    log(
      `created user admin with the one-time password ${admin.oneTimePassword} (shown once; change it at first sign-in)`,
    );
  }
  progress.step("opening the IMGT/HLA reference data");
  let hla: Awaited<ReturnType<typeof openHla>> | undefined;
  try {
    hla = await openHla({ hlaDir: c.hlaDir, macFile: c.macFile });
    log(`IMGT/HLA ${hla.engine.release.version}${hla.macs ? `, ${hla.macs.count} MACs` : ", no MAC file"}`);
    rememberReference(hla, log);
  } catch (e) {
    log(`no IMGT/HLA release: HLA and search are off (${(e as Error).message})`);
  }
  let ctcae: CtcaeDictionary | undefined;
  if (c.ctcaeFile) {
    ctcae = await loadCtcae(c.ctcaeFile);
    log(`CTCAE v${ctcae.version}: ${ctcae.terms.length} terms from ${c.ctcaeFile}`);
  } else log("no CTCAE v5.0 spreadsheet (CRADLE_CTCAE_FILE): adverse events cannot be recorded");
  const empty = await bankIsEmpty(store);
  const counts = await countListings(store);
  if (hla && empty && counts.adult + counts.cord === 0 && c.demo) {
    progress.step("loading the demo program");
    const scale = c.demoScale;
    const password = demoPassword(c.demoPassword);
    const t0 = performance.now();
    const r = await loadDemo({
      store,
      engine: hla.engine,
      ...(ctcae ? { ctcae } : {}),
      ...(c.frequenciesFile ? { frequenciesFile: c.frequenciesFile } : {}),
      ...demoSize(scale),
      seed: 2026,
      now: new Date(),
      password,
      log,
      progress: (part, done, total) => {
        progress.step(`loading the demo program: ${part}`);
        progress.count(done, total);
      },
    });
    log(
      `demo loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${r.products} products, ${r.adults} adult donors, ${r.cords} cord units`,
    );
    log(
      `demo users ${DEMO_USERS.map((u) => u.username).join(", ")}; password ${c.demoPassword ? "from CRADLE_DEMO_PASSWORD" : password}`,
    );
  }
  let search: ServerContext["search"];
  let follower: IndexFollower | undefined;
  if (hla) {
    progress.step("building the search index");
    const t0 = performance.now();
    // The head before the load: a listing written meanwhile is applied again by the follower, not lost.
    const fromSeq = await indexHead(store);
    const index = await loadIndex(store, hla.engine);
    const loadMs = performance.now() - t0;
    // Listings written by another process (an import, a second server) reach the index within 2 s.
    follower = new IndexFollower(store, index, { fromSeq, log }).start();
    search = { index, pool: new ScanPool(), loadedAt: new Date().toISOString(), loadMs };
    log(
      `search index: ${index.count("adult")} adults, ${index.count("cord")} cords in ${Math.round(loadMs)} ms`,
    );
  }
  return { store, hla, ctcae, search, follower };
}
