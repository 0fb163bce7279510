/**
 * Colours for curves: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
 * distinct under the common colour-vision deficiencies; yellow is left out (too faint on white). Each
 * series also gets its own dash pattern, so curves differ without colour too (grey print, a projector).
 */
export const OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4"];

export const colourOf = (i: number) => OKABE_ITO[i % OKABE_ITO.length] as string;
export const dashOf = (i: number) => DASHES[i % DASHES.length] as string;

/** Round tick times for an axis up to `max` days: 0 and multiples of a step giving at most 8 ticks. */
export function dayTicks(max: number): number[] {
  const step = [7, 14, 30, 60, 90, 180, 365, 730].find((s) => max / s <= 7) ?? Math.ceil(max / 7);
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}
