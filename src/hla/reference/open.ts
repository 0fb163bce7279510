/** Opens the HLA engine on the reference data the environment or the caller names. */
import { HlaEngine } from "../engine.js";
import type { ReduceOptions } from "../reducers.js";
import { Release } from "../release.js";
import { type Provenance, findMacs, findRelease } from "./load.js";

export interface OpenHlaOptions {
  hlaDir?: string | undefined;
  release?: string | undefined;
  macFile?: string | undefined;
  /** Download NMDP's MAC file when none is configured or cached (default true). */
  downloadMacs?: boolean;
  defaults?: ReduceOptions;
}

export interface OpenedHla {
  engine: HlaEngine;
  release: { provenance: Provenance; loadMs: number };
  macs?: { provenance: Provenance; updated: string; count: number };
}

export async function openHla(o: OpenHlaOptions = {}): Promise<OpenedHla> {
  const t0 = performance.now();
  const found = await findRelease({ dir: o.hlaDir, version: o.release });
  const release = new Release(found.raw);
  const loadMs = performance.now() - t0;
  const mac = await findMacs({ file: o.macFile, download: o.downloadMacs ?? true });
  const engine = new HlaEngine(release, mac?.macs, o.defaults);
  return {
    engine,
    release: { provenance: found.provenance, loadMs },
    ...(mac
      ? { macs: { provenance: mac.provenance, updated: mac.macs.updated, count: mac.macs.codes.size } }
      : {}),
  };
}
