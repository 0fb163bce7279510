/**
 * Answers to repeated identical requests, serialized once: kept while the state they were computed from is
 * unchanged (the caller's `version`) and for at most `maxAgeMs` (changes this process cannot see: another
 * process's writes, the clock). Identical requests arriving while the first is computed wait for it
 * rather than compute it again.
 */
export class AnswerCache {
  private readonly answers = new Map<string, { version: string; at: number; body: Promise<Buffer> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 500,
  ) {}

  answer(key: string, version: string, compute: () => Promise<unknown>): Promise<Buffer> {
    const now = Date.now();
    const hit = this.answers.get(key);
    if (hit && hit.version === version && now - hit.at < this.maxAgeMs) return hit.body;
    const body = compute().then((v) => Buffer.from(JSON.stringify(v)));
    // A failure is not kept: the next request tries again (and gets its own error).
    body.catch(() => {
      if (this.answers.get(key)?.body === body) this.answers.delete(key);
    });
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, { version, at: now, body });
    return body;
  }
}
