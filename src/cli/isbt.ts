/** `cradle isbt128 …`: check characters, DINs as keyed or scanned, and ISBT 128 data structures. */
import type { Command } from "commander";
import { CradleError, isCradleError } from "../errors.js";
import { checkCharacter } from "../isbt128/check-character.js";
import { type DataStructure, splitDataStructures } from "../isbt128/data-structures.js";
import { dinDataStructure, formatDin, parseDin } from "../isbt128/din.js";

const NAMES: Record<DataStructure["structure"], string> = {
  "001": "Donation Identification Number",
  "002": "Blood groups [ABO and RhD]",
  "003": "Product code",
  "004": "Expiration date",
  "005": "Expiration date and time",
  "006": "Collection date",
  "007": "Collection date and time",
  "023": "Compound message",
  "032": "Product divisions",
  "034": "Processor product identification code",
  "040": "Chain of identity identifier",
};

export function registerIsbtCommands(program: Command): void {
  const isbt = program
    .command("isbt128")
    .alias("isbt")
    .description("ISBT 128: Donation Identification Numbers and data structures");
  isbt
    .command("check-char")
    .description("print the keyboard check character K of a 13-character DIN (ISO/IEC 7064 MOD 37-2)")
    .argument("<din13>", "e.g. G123417654321")
    .action((text: string) => {
      const compact = text.replace(/\s+/g, "");
      if (compact.length !== 13 || compact.startsWith("=")) {
        throw new CradleError(
          "DIN_BAD_FORMAT",
          `DIN "${text}": ${compact.length} characters; check-char takes the 13 characters without flags or K`,
          {
            field: "din",
            value: text,
          },
        );
      }
      console.log(checkCharacter(parseDin(compact).id)?.character);
    });
  isbt
    .command("parse")
    .description("read a scanned barcode's data structures as JSON (exit 1 when the message is invalid)")
    .argument(
      "<barcode>",
      'e.g. "=G12341765432170" or a compound message "=+02000=G12341765432170=<S1234100"',
    )
    .action((text: string) => {
      try {
        const found = splitDataStructures(text).map((ds) => ({
          number: ds.structure,
          name: NAMES[ds.structure],
          ...ds,
        }));
        console.log(JSON.stringify(found, null, 2));
      } catch (e) {
        if (!isCradleError(e)) throw e;
        process.stderr.write(`cradle: ${e.code}: ${e.message}\n`);
        process.exitCode = 1;
      }
    });
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
    .description("read ISBT 128 data structures (the same as parse; exits 2 on an invalid message)")
    .argument("<text>", 'e.g. "=<S1234100" or "&>0180292359"')
    .action((text: string) => {
      console.log(JSON.stringify(splitDataStructures(text), null, 2));
    });
}
