/**
 * Password hashing with scrypt (node:crypto): a random salt per password and the cost parameters stored
 * with the hash, so they can be raised later without invalidating old hashes. Comparison is constant-time.
 * Passwords are hashed and compared in Unicode NFKC (NIST SP 800-63B-4), so the same passphrase typed on
 * another keyboard or system matches.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// N = 2^15, r = 8, p = 1: about 32 MiB and 50-100 ms per hash on a 2-core machine (OWASP's scrypt floor
// is N = 2^17 with 128 MiB for servers with room; 2^15 keeps sign-in bursts within memory here).
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$salt$hash", salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password.normalize("NFKC"), salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const matches = async (form: string) => {
    const key = await derive(form, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
    return key.length === expected.length && timingSafeEqual(key, expected);
  };
  const normal = password.normalize("NFKC");
  if (await matches(normal)) return true;
  // A hash made before normalisation from a password NFKC changes: its own form. The second scrypt depends
  // on the typed text alone (known to the caller), never on whether the user exists.
  return normal !== password && matches(password);
}
