/**
 * `cradle ranking …`: the site's ranking weights (issue 17). `show` prints every weight; `set` changes the
 * ones named (`--grade Protein=5 --confidence exact=3`, whole numbers -10 to 10) with a reason, as a
 * coordinator or quality manager; the change is audited. Every search then ranks by them.
 */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { rankingWeights, setRankingWeights } from "../search/index.js";
import type { RankingWeightsView } from "../search/ranking-schemas.js";
import { type UserOption, asUser } from "./session.js";

interface Options extends UserOption {
  json?: boolean;
}

function viewText(v: RankingWeightsView): string {
  const line = (scale: string, w: Record<string, number>) =>
    Object.entries(w)
      .map(([name, x]) => `${scale} ${name}\t${x}`)
      .join("\n");
  const head = v.inUse
    ? `in use (changed ${v.updatedAt} by ${v.updatedBy})`
    : "every weight is 0: the built-in order";
  return `${head}\n${line("grade", v.weights.grade)}\n${line("confidence", v.weights.confidence)}`;
}

/** `NAME=N` pairs of a repeated option, the number a whole one as written (the service checks the range). */
function pairs(option: string, values: string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([A-Za-z]+)=(-?\d{1,3})$/.exec(v);
    if (!m) {
      throw new CradleError("INVALID_INPUT", `--${option} "${v}": write NAME=N, N a whole number -10 to 10`, {
        field: option,
        value: v,
      });
    }
    const name = m[1] as string;
    if (Object.hasOwn(out, name)) {
      throw new CradleError("INVALID_INPUT", `--${option} ${name} is given twice: give each weight once`, {
        field: option,
        value: v,
      });
    }
    out[name] = Number(m[2]);
  }
  return out;
}

const collect = (v: string, all: string[] = []) => [...all, v];

export function registerRankingCommands(program: Command): void {
  const r = program
    .command("ranking")
    .description("the site's ranking weights per WMDA grade and confidence");
  r.command("show")
    .description("every weight, and who changed them last")
    .allowExcessArguments(false)
    .option("--user <name>", "who asks (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options) => {
      const v = await asUser(o, (store, act) => rankingWeights(store, act));
      console.log(o.json ? JSON.stringify(v, null, 2) : viewText(v));
    });
  r.command("set")
    .description("change some weights, with the reason (audited)")
    // A reason left unquoted would be cut to its first word: the rest is refused, not dropped.
    .allowExcessArguments(false)
    .option("--grade <NAME=N>", "a WMDA grade's weight, e.g. Protein=5 (repeat for more)", collect)
    .option("--confidence <NAME=N>", "a confidence's weight, e.g. exact=3 (repeat for more)", collect)
    .requiredOption("--reason <text>", "why the ranking changes")
    .option("--user <name>", "who changes them (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & { grade?: string[]; confidence?: string[]; reason: string }) => {
      const grade = pairs("grade", o.grade);
      const confidence = pairs("confidence", o.confidence);
      const input = {
        ...(Object.keys(grade).length > 0 ? { grade } : {}),
        ...(Object.keys(confidence).length > 0 ? { confidence } : {}),
        reason: o.reason,
      };
      const v = await asUser(o, (store, act) => setRankingWeights(store, act, input));
      console.log(o.json ? JSON.stringify(v, null, 2) : viewText(v));
    });
}
