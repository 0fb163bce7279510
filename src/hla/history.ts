/**
 * Reading a typing through the release's name history (wmda/hla_nom.txt): an allele name that was deleted
 * because it was renamed, or found identical to another, is replaced by the name it became, and the
 * replacement is reported. A registry's typing from years ago then grades instead of being refused. Pure.
 */
import type { HlaEngine } from "./engine.js";

export interface Renamed {
  /** The name as typed (without "HLA-"). */
  from: string;
  /** The current name it became. */
  to: string;
  /** yyyymmdd of the change, and hla_nom.txt's reason ("Sequence renamed"). */
  deleted: string;
  reason: string;
}

/** At most this many renamings are followed for one name (a renamed name renamed again). */
const MAX_HOPS = 5;

/** The typing with every deleted-and-replaced name written as its current name, and what was replaced. */
export function currentNames(engine: HlaEngine, glString: string): { glString: string; renamed: Renamed[] } {
  const release = engine.release;
  const renamed: Renamed[] = [];
  const out = glString.replace(/[^/+^~|]+/g, (token) => {
    const prefix = token.startsWith("HLA-") ? "HLA-" : "";
    const bare = token.slice(prefix.length);
    if (release.isValid(bare)) return token;
    let name = bare;
    let last: { deleted: string; reason: string } | undefined;
    for (let hop = 0; hop < MAX_HOPS && !release.isValid(name); hop++) {
      const d = release.deletedName(name);
      if (!d?.becomes) break;
      name = d.becomes;
      last = d;
    }
    if (name === bare || !release.isValid(name) || !last) return token;
    renamed.push({ from: bare, to: name, deleted: last.deleted, reason: last.reason });
    return prefix + name;
  });
  return { glString: out, renamed };
}
