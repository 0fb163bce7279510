/**
 * Seeds: programs of data loaded into an empty database through the services, audited and signed like any
 * other write. Today one, the demo program a first `cradle serve` loads. An area of its own above the
 * services and platform, imported only by faces (the architecture test holds it).
 */
export { DEMO_USERS, type DemoOptions, demoPassword, loadDemo } from "./demo.js";
export { type LoadState, demoLoadState, interruptedLoadReport, markLoadStarted } from "./load-marker.js";

/** The full demo: a bank of 2,500 collections, a registry of 200,000 adult donors and 20,000 cord units. */
export const FULL_DEMO = { products: 2_500, adults: 200_000, cords: 20_000 } as const;

/** The demo's counts at a scale (CRADLE_DEMO_SCALE): 0.1 is a tenth of each. */
export function demoSize(scale: number): { products: number; adults: number; cords: number } {
  return {
    products: Math.round(FULL_DEMO.products * scale),
    adults: Math.round(FULL_DEMO.adults * scale),
    cords: Math.round(FULL_DEMO.cords * scale),
  };
}
