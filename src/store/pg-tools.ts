/**
 * PostgreSQL's own client programs (pg_dump, pg_restore): found on PATH, else in Debian's
 * /usr/lib/postgresql/<version>/bin (newest first), and run with the password in the environment rather
 * than on the command line, where every user of the machine could read it in `ps`.
 */
import { spawn } from "node:child_process";
import { constants, accessSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { CradleError } from "../errors.js";

export function findPgTool(name: "pg_dump" | "pg_restore"): string {
  const onPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  let debian: string[] = [];
  try {
    debian = readdirSync("/usr/lib/postgresql")
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join("/usr/lib/postgresql", v, "bin"));
  } catch {
    // Not Debian's layout: PATH only.
  }
  for (const dir of [...onPath, ...debian]) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  throw new CradleError(
    "INVALID_INPUT",
    `${name} was not found on PATH or in /usr/lib/postgresql/*/bin: install PostgreSQL's client programs (the same major version as the server, or newer)`,
    { field: name },
  );
}

/** The URL without its password, and the environment that carries the password instead. */
export function pgConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return {
    url: u.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a client program to its end; rejects with its standard error when it fails. */
export function runPgTool(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else
        reject(
          new CradleError("INVALID_INPUT", `${path} failed (exit ${code}): ${err.trim()}`, {
            field: path,
          }),
        );
    });
  });
}

export async function pgToolVersion(path: string): Promise<string> {
  return (await runPgTool(path, ["--version"], process.env)).trim();
}

/** Connects a client, or says in one sentence (without the password) why the server did not answer. */
export async function connectPg(client: import("pg").Client, url: string): Promise<void> {
  try {
    await client.connect();
  } catch (e) {
    throw pgConnectError(e, url);
  }
}

export function pgConnectError(e: unknown, url: string): CradleError {
  const err = e as { code?: string; message?: string };
  return new CradleError(
    "INVALID_INPUT",
    `cannot connect to postgres ${url.replace(/\/\/[^@/]*@/, "//")}: ${err.message ?? String(e)}`,
    { field: "CRADLE_DATABASE_URL", ...(err.code ? { cause: err.code } : {}) },
  );
}
