/**
 * Worker threads that run the scan kernel over slices of the index, one per core. The kernel travels as
 * source text, so the pool works the same from compiled code and from the TypeScript tests.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type ScanInput, type ScanOutput, scanKernel } from "./scan-kernel.js";

const WORKER_SOURCE = `
  var __name = (f) => f; // a helper some compilers add to named functions
  const scanKernel = ${scanKernel.toString()};
  require("node:worker_threads").parentPort.on("message", (input) => {
    require("node:worker_threads").parentPort.postMessage(scanKernel(input));
  });
`;

export class ScanPool {
  private readonly workers: Worker[];

  constructor(size = Math.max(1, availableParallelism())) {
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.unref();
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** The scan in progress, if any: scans run one after another (see scan). */
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Scans [start, end) in equal slices, one per worker, and merges their results. Concurrent calls (a
   * server answering several searches) queue: a worker's reply carries no request id, so two scans in
   * flight on one worker could each take the other's answer. Each scan uses every worker anyway.
   */
  scan(input: ScanInput): Promise<ScanOutput> {
    const run = this.tail.then(() => this.scanNow(input));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async scanNow(input: ScanInput): Promise<ScanOutput> {
    const n = this.workers.length;
    const span = Math.ceil((input.end - input.start) / n);
    const parts = await Promise.all(
      this.workers.map(
        (w, i) =>
          new Promise<ScanOutput>((resolve, reject) => {
            const start = input.start + i * span;
            const end = Math.min(input.end, start + span);
            const onMessage = (out: ScanOutput) => {
              w.off("error", onError);
              resolve(out);
            };
            const onError = (e: Error) => {
              w.off("message", onMessage);
              reject(e);
            };
            w.once("message", onMessage);
            w.once("error", onError);
            w.postMessage({ ...input, start, end });
          }),
      ),
    );
    return mergeScans(parts, input.keep);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export function mergeScans(parts: ScanOutput[], keep: number): ScanOutput {
  const classCounts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let excluded = 0;
  const all: { slot: number; key: number; mm: number }[] = [];
  for (const p of parts) {
    p.classCounts.forEach((c, i) => {
      classCounts[i] = (classCounts[i] ?? 0) + c;
    });
    excluded += p.excluded;
    p.slots.forEach((slot, i) => all.push({ slot, key: p.keys[i] as number, mm: p.mismatches[i] as number }));
  }
  all.sort((a, b) => a.key - b.key || a.slot - b.slot);
  const best = all.slice(0, keep);
  return {
    classCounts,
    excluded,
    slots: best.map((b) => b.slot),
    keys: best.map((b) => b.key),
    mismatches: best.map((b) => b.mm),
  };
}

export { scanKernel };
