/**
 * Acute GVHD by the MAGIC criteria (Harris et al., Biol Blood Marrow Transplant 2016): each organ staged
 * from what is measured, and the overall grade 0–IV from the organ stages. Chronic GVHD's NIH global
 * severity from the eight organ scores 0–3 (Jagasia et al., Biol Blood Marrow Transplant 2015;21:389).
 * Pure functions.
 */

export interface OrganStages {
  skin: 0 | 1 | 2 | 3 | 4;
  liver: 0 | 1 | 2 | 3 | 4;
  /** Upper GI is stage 0 or 1 only. */
  upperGi: 0 | 1;
  lowerGi: 0 | 1 | 2 | 3 | 4;
}

export type AcuteGrade = 0 | 1 | 2 | 3 | 4;

/** Skin: maculopapular rash by % body surface area; 4 = generalized erythroderma with bullae (> 5% BSA). */
export function skinStage(rashPercentBsa: number, bullaeOrDesquamation = false): OrganStages["skin"] {
  if (!(rashPercentBsa >= 0 && rashPercentBsa <= 100))
    throw new RangeError(`rash ${rashPercentBsa}% BSA: 0 to 100`);
  if (bullaeOrDesquamation && rashPercentBsa > 50) return 4;
  if (rashPercentBsa > 50) return 3;
  if (rashPercentBsa >= 25) return 2;
  return rashPercentBsa > 0 ? 1 : 0;
}

/** Liver: total bilirubin in mg/dL: 2.1–3 stage 1, 3.1–6 stage 2, 6.1–15 stage 3, > 15 stage 4. */
export function liverStage(bilirubinMgDl: number): OrganStages["liver"] {
  if (!(bilirubinMgDl >= 0)) throw new RangeError(`bilirubin ${bilirubinMgDl} mg/dL`);
  if (bilirubinMgDl > 15) return 4;
  if (bilirubinMgDl > 6) return 3;
  if (bilirubinMgDl > 3) return 2;
  return bilirubinMgDl > 2 ? 1 : 0;
}

/**
 * Lower GI: stool output averaged over 3 days; for children in mL/kg/day (< 10, 10–19.9, 20–30, > 30), for
 * patients over 50 kg in mL/day (< 500, 500–999, 1000–1500, > 1500); stage 4 for severe abdominal pain with
 * or without ileus, or grossly bloody stool.
 */
export function lowerGiStage(
  stool: { mlPerDay: number; weightKg: number },
  severePainOrBloodyStool = false,
): OrganStages["lowerGi"] {
  if (severePainOrBloodyStool) return 4;
  const { mlPerDay, weightKg } = stool;
  if (!(mlPerDay >= 0) || !(weightKg > 0)) throw new RangeError(`stool ${mlPerDay} mL/day at ${weightKg} kg`);
  const [x, cuts] = weightKg > 50 ? [mlPerDay, [500, 1000, 1500]] : [mlPerDay / weightKg, [10, 20, 30]];
  const [c1, c2, c3] = cuts as [number, number, number];
  if (x > c3) return 3;
  if (x >= c2) return 2;
  return x >= c1 ? 1 : 0;
}

/**
 * The overall grade: IV for stage 4 skin, liver or lower GI; III for stage 2–3 liver or lower GI; II for
 * stage 3 skin or stage 1 liver, upper GI or lower GI; I for stage 1–2 skin alone; 0 otherwise.
 */
export function acuteGvhdGrade(s: OrganStages): AcuteGrade {
  if (s.skin === 4 || s.liver === 4 || s.lowerGi === 4) return 4;
  if (s.liver >= 2 || s.lowerGi >= 2) return 3;
  if (s.skin === 3 || s.liver === 1 || s.upperGi === 1 || s.lowerGi === 1) return 2;
  return s.skin >= 1 ? 1 : 0;
}

/** NIH 2014 chronic GVHD organ scores, 0–3 each. */
export interface ChronicOrganScores {
  skin: number;
  mouth: number;
  eyes: number;
  gi: number;
  liver: number;
  lungs: number;
  joints: number;
  genital: number;
}

export type ChronicSeverity = "none" | "mild" | "moderate" | "severe";

/**
 * The global severity (Jagasia 2015): severe for any organ at 3 or lungs at 2–3; moderate for lungs at 1,
 * any other organ at 2, or 3 or more organs at 1; mild for 1–2 organs (not lungs) at 1; none when all are 0.
 */
export function chronicGvhdSeverity(s: ChronicOrganScores): ChronicSeverity {
  const scores = Object.values(s);
  const others = (Object.keys(s) as (keyof ChronicOrganScores)[])
    .filter((k) => k !== "lungs")
    .map((k) => s[k]);
  if (scores.some((x) => x >= 3) || s.lungs >= 2) return "severe";
  if (s.lungs === 1 || others.some((x) => x === 2) || scores.filter((x) => x === 1).length >= 3)
    return "moderate";
  return others.some((x) => x === 1) ? "mild" : "none";
}
