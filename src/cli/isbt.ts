/** `cradle isbt …`: check a DIN as keyed or scanned, and read ISBT 128 data structures. */
import type { Command } from "commander";
import { parseDataStructure, splitDataStructures } from "../isbt128/data-structures.js";
import { dinDataStructure, formatDin, parseDin } from "../isbt128/din.js";

export function registerIsbtCommands(program: Command): void {
  const isbt = program
    .command("isbt")
    .description("ISBT 128: Donation Identification Numbers and data structures");
  isbt
    .command("din")
    .description("check a DIN (13 characters, with K, with flags, or scanned as =…) and show its forms")
    .argument("<din>", 'e.g. G123417654321A or "=G12341765432170"')
    .option("--json", "print JSON")
    .action((text: string, o: { json?: boolean }) => {
      const din = parseDin(text);
      const forms = {
        ...din,
        keyed: formatDin(din),
        printed: formatDin(din, "printed"),
        scan: dinDataStructure(din),
      };
      if (o.json) {
        console.log(JSON.stringify(forms, null, 2));
        return;
      }
      console.log(`DIN ${forms.printed}: facility ${din.fin}, year ${din.year}, sequence ${din.sequence}`);
      console.log(`  keyed ${forms.keyed}   scanned (data structure 001) ${forms.scan}`);
    });
  isbt
    .command("read")
    .description("read ISBT 128 data structures, one or a concatenation such as a compound message")
    .argument("<text>", 'e.g. "=<S1234100" or "&>0180292359"')
    .action((text: string) => {
      const parts =
        text.startsWith("=+") || text.length > 18 ? splitDataStructures(text) : [parseDataStructure(text)];
      console.log(JSON.stringify(parts, null, 2));
    });
}
