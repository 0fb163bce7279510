/**
 * Who runs a CLI command that writes: the user name from --user or CRADLE_USER, the password from
 * CRADLE_PASSWORD, else asked on the terminal without echo, else read from the first line of stdin.
 * Every such command signs in afresh, so a signature made by it is made right after the password.
 *
 * A command that signs (release, disposition) signs with the identity this sign-in proved, both factors
 * given moments before in the same invocation (signerOf): it does not authenticate a second time. A TOTP
 * code is good once (RFC 6238 §5.2, the replay rule), so a second check would refuse the code the sign-in
 * just used, and asking a second code in one command adds nothing a security officer could audit: the same
 * person typed both. sign() still refuses an authentication older than five minutes.
 */
import { createInterface } from "node:readline";
import { type AuthenticatedUser, authenticate, totpEnrolmentRefusal } from "../accounts/users.js";
import type { Signer } from "../audit/signatures.js";
import { config } from "../config/index.js";
import { CradleError } from "../errors.js";
import { type Store, openStore } from "../store/connect.js";

export async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    return new Promise((resolve) => {
      let text = "";
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString("utf8")) {
          if (ch === "\r" || ch === "\n") {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off("data", onData);
            process.stderr.write("\n");
            resolve(text);
            return;
          }
          if (ch === "\u0003") process.exit(130);
          text = ch === "\u007f" ? text.slice(0, -1) : text + ch;
        }
      };
      stdin.on("data", onData);
    });
  }
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

export interface UserOption {
  user?: string;
}

/** Who runs the command: --user, else CRADLE_USER; refused when neither says. */
export function usernameOf(o: UserOption): string {
  const username = o.user ?? config().user;
  if (!username) {
    throw new CradleError(
      "AUTH_FAILED",
      "who is this? give --user NAME or set CRADLE_USER (and CRADLE_PASSWORD)",
      { field: "user" },
    );
  }
  return username;
}

/** Signs the user in; throws AUTH_FAILED naming the user when the password is wrong. */
export async function signIn(
  store: Store,
  o: UserOption,
): Promise<{ user: AuthenticatedUser; password: string }> {
  const username = usernameOf(o);
  const password = config().password ?? (await readSecret(`password for ${username}: `));
  const code = await codeFor(username, config().password === undefined);
  const user = await authenticate(store, username, password, new Date(), {
    purpose: "cli",
    ...(code !== undefined ? { code } : {}),
  });
  return { user, password };
}

/**
 * The second factor's code, judged with the password in one attempt (the answer never tells whether the
 * account has one): CRADLE_TOTP_CODE; else, when the password was asked on the terminal, asked there too
 * (left empty for an account without one); else none.
 */
export async function codeFor(username: string, ask = true): Promise<string | undefined> {
  const given = config().totpCode;
  if (given !== undefined) return given;
  if (!ask) return undefined;
  const typed = await readSecret(`authenticator code for ${username} (empty if none): `);
  return typed.trim() === "" ? undefined : typed.trim();
}

/** The signer of a signing command: the user this invocation just authenticated (see above). */
export function signerOf(act: { user: AuthenticatedUser }): Signer {
  const { username, printedName, authenticatedAt } = act.user;
  return { username, printedName, authenticatedAt };
}

/** Opens the store for one command and closes it after, whatever happens. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Signs in, runs one command with an act at the present time, and closes the store. */
export function asUser<T>(
  o: UserOption,
  fn: (store: Store, act: { user: AuthenticatedUser; at: Date }, password: string) => Promise<T>,
): Promise<T> {
  return withStore(async (store) => {
    const { user, password } = await signIn(store, o);
    // A role that requires TOTP does nothing before enrolling (`cradle user totp enrol`).
    const pending = totpEnrolmentRefusal(user);
    if (pending) throw pending;
    return fn(store, { user, at: new Date() }, password);
  });
}
