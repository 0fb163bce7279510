/** `cradle match …`: grade a listing's typing against a patient's. */
import type { Command } from "commander";
import { Gl, Obj } from "../contract/schema.js";
import { gradeTypings } from "../matching/grade.js";
import { optionsInput } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

/** Both typings bounded like every GL string (their names are checked against the release by grading). */
const GradeOptionsSchema = Obj({ patient: Gl(), donor: Gl() });

export function registerMatchCommands(program: Command): void {
  const match = program.command("match").description("HLA matching of listings against a patient");

  withReferenceOptions(
    match
      .command("grade")
      .description("grade a donor or cord unit against a patient, locus by locus")
      .requiredOption("--patient <gl>", "patient typing, a GL string")
      .requiredOption("--donor <gl>", "donor or cord unit typing, a GL string")
      .option("--json", "print JSON"),
  ).action(async (o: RefOptions & { patient: string; donor: string; json?: boolean }) => {
    const typings = optionsInput(GradeOptionsSchema, { ...o }, ["patient", "donor"]);
    const { engine } = await openReference(o);
    const g = gradeTypings(engine, typings.patient, typings.donor);
    if (o.json) {
      console.log(JSON.stringify(g, null, 2));
      return;
    }
    const s = g.summary;
    console.log(`allele level ${s.allele8}/8, ${s.allele10}/10; cord class ${s.cord6}/6; WMDA ${s.category}`);
    console.log(`mismatches of 8: ${s.mismatches8} (GvH ${s.gvh8}, HvG ${s.hvg8})`);
    if (s.untyped.length > 0) console.log(`untyped: ${s.untyped.join(", ")}`);
    for (const r of g.renamed) {
      console.log(
        `warning: ${r.side} ${r.from} was renamed ${r.to} on ${r.deleted} (${r.reason}); graded as ${r.to}`,
      );
    }
    for (const l of Object.values(g.loci)) {
      if (!l.typed) continue;
      const pos = l.positions
        .map((p) => `${p.patient} ~ ${p.donor}: ${p.wmda}, ${p.grade} (${p.confidence})`)
        .join("; ");
      const dpb1 = l.dpb1 ? `  TCE ${l.dpb1.reading}: ${l.dpb1.reason}` : "";
      console.log(
        `  ${l.locus.padEnd(5)} ${l.category}  allele ${l.allele}/2  antigen ${l.antigen}/2  GvH ${l.gvh} HvG ${l.hvg}  ${pos}${dpb1}`,
      );
    }
  });
}
