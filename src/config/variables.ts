/**
 * Every environment variable Cradle reads, declared once: its name, the text it defaults to, what it means,
 * the schema its text must meet (read as the CLI reads an option: an integer only from digits), and any
 * check a schema cannot state (a directory that exists, a URL's form). `cradle config` and the README's
 * table are made from this list; test-only variables (CRADLE_TEST_POSTGRES_URL, …) are not in it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { isIP } from "node:net";
import { Enum, Int, Line, Num, type TSchema } from "../contract/index.js";

/** The levels Fastify's logger (pino) knows. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Who may read /api/docs (the OpenAPI description) and the web app's source maps. */
export const API_DOCS = ["signed-in", "off", "public"] as const;
export type ApiDocs = (typeof API_DOCS)[number];

/** The settings, typed; undefined where a variable with no default is unset. */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  adminPassword: string | undefined;
  hlaDir: string | undefined;
  macFile: string | undefined;
  cacheDir: string | undefined;
  xdgCacheHome: string | undefined;
  frequenciesFile: string | undefined;
  ctcaeFile: string | undefined;
  infusionTolerancePercent: number;
  sohoReportDays: number;
  facilityName: string | undefined;
  demo: boolean;
  demoScale: number;
  demoPassword: string | undefined;
  user: string | undefined;
  password: string | undefined;
  newPassword: string | undefined;
  totpCode: string | undefined;
  exportKey: string | undefined;
  authMaxFailures: number;
  authWindowMinutes: number;
  authLockoutMinutes: number;
  sessionIdleMinutes: number;
  trustedProxies: string[] | undefined;
  apiDocs: ApiDocs;
  passwordMinLength: number;
  passwordMinLengthSecondFactor: number;
  passwordBlocklistFile: string | undefined;
  totpRequiredRoles: string | undefined;
  totpKeyFile: string | undefined;
}

export interface Variable<T> {
  name: string;
  /** The value used when the variable is unset, as the text a user would set; none: unset stays unset. */
  default?: string;
  /** What it means, one line, for `cradle config` and the README. */
  meaning: string;
  /** The checked form of the text (integers and numbers read from digits first). */
  schema: TSchema;
  /** Passwords and keys: never printed, not even in a refusal. */
  secret?: true;
  /** A check the schema cannot state; the reason when the value fails it. */
  verify?: (value: string) => string | null;
  /** The typed value from the checked one, where they differ (e.g. "0"/"1" to a boolean). */
  to?: (value: never) => T;
}

/** Long enough for any path or URL an operator sets; no control characters (Line refuses them). */
const PATH_MAX = 4096;
const Path = () => Line(PATH_MAX);
const Secret = () => Line(1000);

/** A host name or an IP address (v6 in brackets or not): `cradle serve --host` is held to it too. */
export const HostSchema = Line(253, {
  pattern: "^[A-Za-z0-9.:_\\-\\[\\]]+$",
  description: "a host name or IP address",
});

const directory = (p: string) =>
  !existsSync(p) ? "does not exist" : statSync(p).isDirectory() ? null : "is not a directory";
const file = (p: string) =>
  !existsSync(p) ? "does not exist" : statSync(p).isFile() ? null : "is not a file";

/** A key file: 32 bytes written as 64 hex digits or as base64 (surrounding white space ignored). */
export function keyOfText(text: string): Buffer | undefined {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t)
    ? Buffer.from(t, "hex")
    : /^[A-Za-z0-9+/]{43}=?$/.test(t)
      ? Buffer.from(t, "base64")
      : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}

const keyFile = (p: string) =>
  file(p) ??
  (keyOfText(readFileSync(p, "utf8"))
    ? null
    : "does not hold a 256-bit key (64 hex digits or 44 base64 characters)");

const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Each item an IPv4 or IPv6 address, with an optional /prefix in range. */
function proxyList(text: string): string | null {
  for (const item of splitList(text)) {
    const [address, prefix, extra] = item.split("/");
    const family = isIP(address ?? "");
    if (family === 0 || extra !== undefined) return `has "${item.slice(0, 60)}", not an address or CIDR`;
    if (prefix !== undefined) {
      const max = family === 4 ? 32 : 128;
      if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)
        return `has "${item.slice(0, 60)}": the prefix must be 0–${max}`;
    }
  }
  return null;
}

function databaseUrl(url: string): string | null {
  if (url.startsWith("sqlite://"))
    return url.length > "sqlite://".length ? null : "has no file path after sqlite://";
  if (!/^postgres(ql)?:\/\//.test(url))
    return "is neither sqlite://PATH nor postgres://user:password@host/db";
  try {
    const u = new URL(url);
    if (u.hostname === "") return "names no host";
    if (u.pathname.length <= 1) return "names no database (postgres://user:password@host:port/db)";
    return null;
  } catch {
    return "is not a valid URL";
  }
}

/** The declarations, keyed by the setting each fills; the README's table lists them in this order. */
export const VARIABLES: { [K in keyof Config]-?: Variable<Config[K]> } = {
  databaseUrl: {
    name: "CRADLE_DATABASE_URL",
    default: "sqlite://./data/cradle.db",
    meaning: "the database: sqlite://PATH (WAL mode) or postgres://user:password@host:port/db",
    schema: Path(),
    verify: databaseUrl,
  },
  port: {
    name: "PORT",
    default: "3000",
    meaning: "the port `cradle serve` listens on (--port overrides it)",
    schema: Int(1, 65535),
  },
  host: {
    name: "HOST",
    default: "localhost",
    meaning: "the address `cradle serve` listens on (--host overrides it)",
    schema: HostSchema,
  },
  logLevel: {
    name: "LOG_LEVEL",
    default: "warn",
    meaning: `the server's log level: ${LOG_LEVELS.join(", ")}`,
    schema: Enum(LOG_LEVELS),
  },
  adminPassword: {
    name: "CRADLE_ADMIN_PASSWORD",
    meaning: "the first start's admin password; unset, a one-time password is printed once",
    schema: Secret(),
    secret: true,
  },
  hlaDir: {
    name: "CRADLE_HLA_DIR",
    meaning: "a directory of an IPD-IMGT/HLA release's files; unset, the cache, else a download",
    schema: Path(),
    verify: directory,
  },
  macFile: {
    name: "CRADLE_MAC_FILE",
    meaning: "NMDP's multiple allele code file (alpha.v3.txt layout); unset, the cache, else a download",
    schema: Path(),
    verify: file,
  },
  cacheDir: {
    name: "CRADLE_CACHE_DIR",
    meaning: "where downloaded and compiled reference data is kept; unset, $XDG_CACHE_HOME/cradle",
    schema: Path(),
  },
  xdgCacheHome: {
    name: "XDG_CACHE_HOME",
    meaning: "the user's cache directory, when CRADLE_CACHE_DIR is unset; unset, ~/.cache",
    schema: Path(),
  },
  frequenciesFile: {
    name: "CRADLE_FREQUENCIES",
    meaning: "haplotype frequencies (hap,count,freq CSV, .gz too) the demo registry is drawn from",
    schema: Path(),
    verify: file,
  },
  ctcaeFile: {
    name: "CRADLE_CTCAE_FILE",
    meaning:
      "NCI's CTCAE v5.0 spreadsheet (CTCAE_v5.0_2017-11-27.xlsx) adverse events are coded in; unset, adverse events cannot be recorded",
    schema: Path(),
    verify: file,
  },
  infusionTolerancePercent: {
    name: "CRADLE_INFUSION_TOLERANCE_PERCENT",
    default: "10",
    meaning:
      "how far (in % of the ordered volume, 0 to 25) an infusion may exceed its dose order before a physician must sign an override with a reason",
    schema: Num(0, 25),
  },
  sohoReportDays: {
    name: "CRADLE_SOHO_REPORT_DAYS",
    default: "15",
    meaning:
      'the days (1 to 90) the bank gives itself to report a serious adverse reaction to the EU competent authority (the SoHO regulation says "without undue delay"; counted in calendar days from the day the bank learned of it)',
    schema: Int(1, 90),
  },
  facilityName: {
    name: "CRADLE_FACILITY_NAME",
    meaning:
      "the labelling facility's name printed on every product label beside its FIN (from the DIN); unset, the label shows the FIN alone",
    schema: Line(120),
  },
  demo: {
    name: "CRADLE_DEMO",
    default: "1",
    meaning: "1: `cradle serve` loads the demo program into an empty database; 0: it starts empty",
    schema: Enum(["0", "1"]),
    to: (v: "0" | "1") => v === "1",
  },
  demoScale: {
    name: "CRADLE_DEMO_SCALE",
    default: "1",
    meaning: "the demo's size: 1 is 2,500 collections, 200,000 adult donors and 20,000 cord units",
    schema: Num(0, 10, { exclusiveMinimum: true }),
  },
  demoPassword: {
    name: "CRADLE_DEMO_PASSWORD",
    meaning: "the demo users' password; unset, a random one printed once",
    schema: Secret(),
    secret: true,
  },
  user: {
    name: "CRADLE_USER",
    meaning: "who runs a command that signs in (--user overrides it)",
    schema: Line(64),
  },
  password: {
    name: "CRADLE_PASSWORD",
    meaning: "the password of CRADLE_USER; unset, asked without echo",
    schema: Secret(),
    secret: true,
  },
  newPassword: {
    name: "CRADLE_NEW_PASSWORD",
    meaning: "the new password for `cradle user add` and `cradle user password`; unset, asked",
    schema: Secret(),
    secret: true,
  },
  totpCode: {
    name: "CRADLE_TOTP_CODE",
    meaning:
      "the authenticator's code of CRADLE_USER when that account has a second factor (TOTP); unset, asked",
    schema: Line(24),
    secret: true,
  },
  exportKey: {
    name: "CRADLE_EXPORT_KEY",
    meaning:
      "the research export's key (16+ characters): the same pseudonyms and date shifts in every export; unset, the server makes one per start",
    schema: Line(1000, { minLength: 16 }),
    secret: true,
  },
  authMaxFailures: {
    name: "CRADLE_AUTH_MAX_FAILURES",
    default: "5",
    meaning: "failed authentications of one account within CRADLE_AUTH_WINDOW_MINUTES that lock it",
    schema: Int(1, 1000),
  },
  authWindowMinutes: {
    name: "CRADLE_AUTH_WINDOW_MINUTES",
    default: "15",
    meaning: "the window in minutes in which failed authentications of one account or address are counted",
    schema: Int(1, 1440),
  },
  authLockoutMinutes: {
    name: "CRADLE_AUTH_LOCKOUT_MINUTES",
    default: "15",
    meaning: "how long a locked account refuses every password (an admin may unlock it sooner)",
    schema: Int(1, 1440),
  },
  sessionIdleMinutes: {
    name: "CRADLE_SESSION_IDLE_MINUTES",
    default: "15",
    meaning: "a web session unused this many minutes ends (besides its absolute end after 8 hours)",
    schema: Int(1, 480),
  },
  trustedProxies: {
    name: "CRADLE_TRUSTED_PROXIES",
    meaning:
      "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; unset: none",
    schema: Line(4000, { minLength: 1 }),
    verify: proxyList,
    to: (v: string) => splitList(v),
  },
  apiDocs: {
    name: "CRADLE_API_DOCS",
    default: "signed-in",
    meaning: `who may read /api/docs and the web app's source maps: ${API_DOCS.join(", ")}`,
    schema: Enum(API_DOCS),
  },
  passwordMinLength: {
    name: "CRADLE_PASSWORD_MIN_LENGTH",
    default: "15",
    meaning:
      "the shortest password accepted for a user without a second factor (NIST SP 800-63B-4: at least 15; lower is refused)",
    schema: Int(15, 256),
  },
  passwordMinLengthSecondFactor: {
    name: "CRADLE_PASSWORD_MIN_LENGTH_SECOND_FACTOR",
    default: "8",
    meaning:
      "the shortest password accepted for a user with a second factor (TOTP) (NIST SP 800-63B-4: at least 8; lower is refused)",
    schema: Int(8, 256),
  },
  passwordBlocklistFile: {
    name: "CRADLE_PASSWORD_BLOCKLIST_FILE",
    meaning:
      "a site's file of refused passwords, one a line (compared case-insensitively), besides the built-in list of common and breached ones",
    schema: Path(),
    verify: file,
  },
  totpKeyFile: {
    name: "CRADLE_TOTP_KEY_FILE",
    meaning:
      "a file holding a 256-bit key (64 hex digits or 44 base64 characters; e.g. `openssl rand -hex 32`) that seals authenticator secrets in the database (AES-256-GCM); unset, they are stored as they are",
    schema: Path(),
    verify: keyFile,
  },
  totpRequiredRoles: {
    name: "CRADLE_TOTP_REQUIRED_ROLES",
    meaning:
      "roles (comma-separated, e.g. admin,quality-manager) whose users must enrol a second factor (TOTP) before anything else; unset, none",
    schema: Line(400, { pattern: "^[a-z-]+(,[a-z-]+)*$" }),
  },
};
