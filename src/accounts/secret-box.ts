/**
 * Authenticator secrets at rest. With CRADLE_TOTP_KEY_FILE set, each secret is sealed with AES-256-GCM
 * ("v1:" and base64url of a 12-byte nonce, the 16-byte tag and the ciphertext), bound to its user name so
 * a sealed value copied onto another account does not open. A copy of the database alone then gives
 * no one the codes. Without a key, secrets are stored as written (base32, which never holds ":").
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { config, keyOfText } from "../config/index.js";
import { CradleError } from "../errors.js";

const PREFIX = "v1:";

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

const keys = new Map<string, Buffer | undefined>();

/**
 * The configured key, read from its file once (checked when the configuration was read): every sign-in
 * with a second factor opens a secret, and should not read a file to do it.
 */
export function totpKey(file = config().totpKeyFile): Buffer | undefined {
  if (file === undefined) return undefined;
  if (!keys.has(file)) keys.set(file, keyOfText(readFileSync(file, "utf8")));
  return keys.get(file);
}

export function seal(secret: string, username: string, key: Buffer | undefined = totpKey()): string {
  if (key === undefined) return secret;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(username, "utf8"));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url");
}

export function open(stored: string, username: string, key: Buffer | undefined = totpKey()): string {
  if (!isSealed(stored)) return stored;
  if (key === undefined) {
    throw new CradleError(
      "TOTP_KEY_MISMATCH",
      `the authenticator secret of ${username} is sealed, and CRADLE_TOTP_KEY_FILE is not set: set it to the key file it was sealed with`,
      { variable: "CRADLE_TOTP_KEY_FILE" },
    );
  }
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(username, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new CradleError(
      "TOTP_KEY_MISMATCH",
      `the authenticator secret of ${username} does not open with the key in CRADLE_TOTP_KEY_FILE: it was sealed with another key, or altered`,
      { variable: "CRADLE_TOTP_KEY_FILE" },
    );
  }
}
