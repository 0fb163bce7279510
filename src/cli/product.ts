/**
 * `cradle product …`: the bank at the command line. Each command signs the user in (--user or
 * CRADLE_USER, password from CRADLE_PASSWORD or asked), calls one bank service function, and prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  ABO_RHD,
  DispositionInputSchema,
  DivideInputSchema,
  HOLD_DECISIONS,
  MoveBodySchema,
  NewCollectionSchema,
  PROCESSING_STEPS,
  PRODUCT_STATUSES,
  ProcessingInputSchema,
  ProductFilterSchema,
  QC_STAGES,
  QC_TEST_NAMES,
  QcInputSchema,
  RETEST_KINDS,
  ReasonInputSchema,
  ReceiptInputSchema,
  ReserveInputSchema,
  SOURCES,
  STORAGE_KINDS,
  ShipmentInputSchema,
  StoreBodySchema,
  cancelReservation,
  discardProduct,
  dispositionProductSigned,
  divideProduct,
  formatLocation,
  importProductDescriptions,
  importTemperatureLog,
  listProducts,
  moveProduct,
  parseLocation,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseCheck,
  releaseProductSigned,
  shipProduct,
  storeProduct,
  traceDin,
} from "../bank/index.js";
import { LabelPrintInputSchema } from "../bank/label-schemas.js";
import type { LabelOptions } from "../bank/labels.js";
import type { Product, ProductRef, Trace } from "../bank/schemas.js";
import { CradleError } from "../errors.js";
import { reserveForPatient } from "../therapy/index.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";
import { type UserOption, asUser, signerOf, withStore } from "./session.js";

interface Common extends UserOption {
  product?: string;
  json?: boolean;
}

/** A plain decimal as a number; anything else stays text for the schema to refuse, naming the option. */
function decimal(text: string): number | string {
  return /^(0|[1-9]\d{0,15})(\.\d{1,15})?$/.test(text.trim()) ? Number(text.trim()) : text;
}

function ref(din: string, o: Common): ProductRef {
  return o.product === undefined ? { din } : { din, product: o.product };
}

function showProduct(p: Product): string {
  return `${p.dinWithCheck} ${p.code}  ${p.status}  ${p.source}  ${p.volumeMl} mL${p.aboRhD ? `  ${p.aboRhD}` : ""}`;
}

function print(o: Common, value: unknown, text: string): void {
  console.log(o.json ? JSON.stringify(value, null, 2) : text);
}

/** Adds --user, --product and --json to a command about one product. */
function productCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument("<din>", "the DIN as keyed (with or without K) or scanned")
    .option("--product <code>", "the product code (e.g. S1234V00) when the DIN has several products")
    .option("--user <name>", "who does it (default $CRADLE_USER)")
    .option("--json", "print JSON");
}

export function registerProductCommands(program: Command): void {
  const product = program
    .command("product")
    .description("bank products: register, process, test, release, store, ship, trace, label");

  product
    .command("register")
    .description("register a collection and its first product (status in processing)")
    .option("--din <din>", "the DIN on the bag; or --fin to allocate the next one")
    .option("--fin <fin>", "facility identification number to allocate a DIN from, e.g. G1234")
    .requiredOption("--source <source>", oneOfHelp("source", SOURCES))
    .requiredOption("--donor <id>", "the donor's local identifier (never a name)")
    .option("--mother <id>", "the birth mother's local identifier (cord blood)")
    .requiredOption("--consent <ref>", "the signed consent's reference")
    .requiredOption("--collected-at <iso>", "collection time with its zone, e.g. 2026-03-01T10:15:00+01:00")
    .requiredOption("--site <site>", "where it was collected")
    .requiredOption("--volume-ml <ml>", "collected volume in mL")
    .requiredOption(
      "--product-code <code>",
      "ISBT 128 product code with collection type, division 00: e.g. S1234V00",
    )
    .option("--abo <aboRhD>", oneOfHelp("ABO/RhD", ABO_RHD))
    .option("--expires-at <iso>", "expiry, for products that have one")
    .requiredOption("--storage <temperature>", oneOfHelp("storage", STORAGE_KINDS))
    .option("--recipient <id>", "the patient a directed product is for")
    .option("--user <name>", "who registers (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Record<string, string> & Common) => {
      const input = optionsInput(NewCollectionSchema, o, [
        "din",
        "fin",
        "source",
        ["donorId", "donor"],
        ["motherId", "mother"],
        ["consentRef", "consent"],
        "collectedAt",
        "site",
        "volumeMl",
        "productCode",
        ["aboRhD", "abo"],
        "expiresAt",
        ["storageTemperature", "storage"],
        ["recipientId", "recipient"],
      ]);
      const p = await asUser(o, (store, act) => registerCollection(store, input, act));
      print(o, p, `registered ${showProduct(p)}`);
    });

  productCommand(product, "process", "record a processing step (--complete sends the product to quarantine)")
    .requiredOption("--step <step>", oneOfHelp("step", PROCESSING_STEPS))
    .requiredOption("--at <iso>", "when it was done, with its zone")
    .option("--method <text>")
    .option("--reagents <text>")
    .option("--equipment <text>")
    .option("--volume-before-ml <ml>")
    .option("--volume-after-ml <ml>")
    .option("--notes <text>")
    .option("--complete", "processing is finished")
    .action(async (din: string, o: Record<string, string> & Common & { complete?: boolean }) => {
      const input = optionsInput(ProcessingInputSchema, o, [
        "step",
        ["performedAt", "at"],
        "method",
        "reagents",
        "equipment",
        "volumeBeforeMl",
        "volumeAfterMl",
        "notes",
        "complete",
      ]);
      const p = await asUser(o, (store, act) => recordProcessing(store, ref(din, o), input, act));
      print(o, p, `${o.step} recorded: ${showProduct(p)}`);
    });

  withReferenceOptions(
    productCommand(product, "qc", "record a QC result (a number with --value, or --result)")
      .requiredOption("--test <test>", oneOfHelp("test", QC_TEST_NAMES))
      .requiredOption("--stage <stage>", oneOfHelp("stage", QC_STAGES))
      .option("--value <n>", "for counts (cells) and percentages")
      .option("--result <text>", "negative/positive/…, an HLA GL string, or ABO/RhD")
      .option("--method <text>")
      .requiredOption("--tested-at <iso>", "when the test was done, with its zone")
      .option(
        "--retest <kind>",
        `a result contradicting an earlier one: ${oneOfHelp("retest", RETEST_KINDS)}`,
      )
      .option("--reason <text>", "why the test was repeated (with --retest)")
      .option("--confirm-implausible", "record a value outside its plausible range for the source")
      .option("--confirm-reason <text>", "why the implausible value is right (with --confirm-implausible)"),
  ).action(async (din: string, o: Record<string, string> & Common & RefOptions) => {
    const input = optionsInput(QcInputSchema, o, [
      "test",
      "stage",
      "value",
      "result",
      "method",
      "testedAt",
      "retest",
      "reason",
      "confirmImplausible",
      "confirmReason",
    ]);
    const validateHla =
      input.test === "hla"
        ? await openReference(o).then((h) => (gl: string) => void h.engine.validate(gl))
        : undefined;
    const r = await asUser(o, (store, act) =>
      recordQc(store, ref(din, o), input, act, validateHla ? { validateHla } : {}),
    );
    print(
      o,
      r,
      `${r.test} (${r.stage}) recorded for ${r.productId}: ${r.value ?? r.result}${r.unit && r.unit !== "%" ? ` ${r.unit}` : (r.unit ?? "")}`,
    );
  });

  product
    .command("check")
    .description("evaluate the release criteria now, without releasing")
    .argument("<din>")
    .option("--product <code>")
    .option("--json", "print JSON")
    .action(async (din: string, o: Common) => {
      const results = await withStore((store) => releaseCheck(store, ref(din, o)));
      print(
        o,
        results,
        results.map((r) => `${r.passed ? "pass" : "FAIL"}  ${r.rule}: ${r.reason}`).join("\n"),
      );
      if (results.some((r) => !r.passed)) process.exitCode = 1;
    });

  productCommand(
    product,
    "release",
    "release a product in quarantine: every criterion must pass; you sign with your password",
  ).action(async (din: string, o: Common) => {
    const out = await asUser(o, (store, act) => releaseProductSigned(store, ref(din, o), signerOf(act), act));
    const s = out.signature;
    print(
      o,
      out,
      `released ${showProduct(out.product)}\nsigned: ${s.printedName} (${s.username}), ${s.signedAt}, meaning: ${s.meaning}, record ${s.recordHash.slice(0, 16)}…`,
    );
  });

  productCommand(
    product,
    "disposition",
    "close a product's hold: discard, release with a justification, or return to quarantine; you sign with your password",
  )
    .requiredOption("--decision <decision>", oneOfHelp("decision", HOLD_DECISIONS))
    .requiredOption("--reason <text>", "the documented justification")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const input = optionsInput(DispositionInputSchema, o, ["decision", "reason"]);
      const out = await asUser(o, (store, act) =>
        dispositionProductSigned(store, ref(din, o), input, signerOf(act), act),
      );
      const s = out.signature;
      print(
        o,
        out,
        `${input.decision}: ${showProduct(out.product)}, ${out.holds.length} hold(s) closed\nsigned: ${s.printedName} (${s.username}), ${s.signedAt}, meaning: ${s.meaning}`,
      );
    });

  productCommand(product, "store", "put a product into a free slot of a defined box (cradle storage)")
    .requiredOption("--location <d/r/b/p>", "device/rack/box/position, e.g. LN2-01/R03/B12/A1")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const { location } = optionsInput(StoreBodySchema, o, ["location"]);
      const at = await asUser(o, (store, act) =>
        storeProduct(store, ref(din, o), parseLocation(location), act),
      );
      print(o, { stored: formatLocation(at) }, `stored at ${formatLocation(at)}`);
    });

  productCommand(product, "move", "move a stored product to a free position")
    .requiredOption("--to <f/r/b/p>", "the new position")
    .requiredOption("--reason <text>", "why it moves")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const { to, reason } = optionsInput(MoveBodySchema, o, ["to", "reason"]);
      const at = await asUser(o, (store, act) =>
        moveProduct(store, ref(din, o), parseLocation(to, "to"), reason, act),
      );
      print(o, { moved: formatLocation(at) }, `moved to ${formatLocation(at)}`);
    });

  productCommand(product, "reserve", "reserve an available product for a registered patient")
    .requiredOption("--mrn <mrn>", "the patient's MRN (cradle patient list --search finds it)")
    .requiredOption("--reason <text>", "why: the search, the protocol")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const { patientId, reason } = optionsInput(ReserveInputSchema, o, [["patientId", "mrn"], "reason"]);
      const r = await asUser(o, (store, act) =>
        reserveForPatient(store, ref(din, o), patientId, reason, act),
      );
      print(o, r, `reserved ${r.productId} for ${r.patientId}`);
    });

  productCommand(product, "unreserve", "cancel a product's reservation")
    .requiredOption("--reason <text>", "why")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const { reason } = optionsInput(ReasonInputSchema, o, ["reason"]);
      const p = await asUser(o, (store, act) => cancelReservation(store, ref(din, o), reason, act));
      print(o, p, `reservation cancelled: ${showProduct(p)}`);
    });

  productCommand(product, "ship", "ship a reserved product")
    .requiredOption("--destination <site>")
    .requiredOption("--courier <name>")
    .requiredOption("--shipper <id>", "the dry shipper's serial number")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const input = optionsInput(ShipmentInputSchema, o, [
        "destination",
        "courier",
        ["shipperId", "shipper"],
      ]);
      const s = await asUser(o, (store, act) => shipProduct(store, ref(din, o), input, act));
      print(
        o,
        s,
        `shipped ${s.productId} to ${s.destination} (${s.courier}, shipper ${s.shipperId}); limit ${s.maxCelsius} °C`,
      );
    });

  productCommand(product, "temperature-log", "import the dry shipper's temperature log (CSV: time, celsius)")
    .requiredOption("--csv <file>")
    .action(async (din: string, o: Common & { csv: string }) => {
      const csv = readFileSync(o.csv, "utf8");
      const r = await asUser(o, (store, act) => importTemperatureLog(store, ref(din, o), csv, act));
      const lines = r.excursions.map(
        (e) => `  EXCURSION ${e.from} to ${e.to}: worst ${e.worstCelsius} °C (${e.readings} readings)`,
      );
      print(o, r, [`${r.readings} readings, ${r.excursions.length} excursions`, ...lines].join("\n"));
    });

  productCommand(
    product,
    "receive",
    "receive a shipped product (an excursion or a missing log needs --excursion-reason)",
  )
    .requiredOption("--condition <text>", "what you saw: shipper intact, seals, label")
    .option("--excursion-reason <text>", "why the product is accepted despite an excursion or without a log")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const input = optionsInput(ReceiptInputSchema, o, ["condition", "excursionReason"]);
      const r = await asUser(o, (store, act) => receiveProduct(store, ref(din, o), input, act));
      print(o, r, `received ${showProduct(r.product)}`);
    });

  productCommand(product, "discard", "discard a product, with the reason")
    .requiredOption("--reason <text>")
    .action(async (din: string, o: Record<string, string> & Common) => {
      const { reason } = optionsInput(ReasonInputSchema, o, ["reason"]);
      const p = await asUser(o, (store, act) => discardProduct(store, ref(din, o), reason, act));
      print(o, p, `discarded ${showProduct(p)}`);
    });

  productCommand(product, "divide", "divide a product into divisions A0, B0, … by volume")
    .requiredOption("--volumes-ml <list>", "e.g. 20,5")
    .action(async (din: string, o: Common & { volumesMl: string }) => {
      const { volumesMl } = optionsInput(
        DivideInputSchema,
        { volumesMl: o.volumesMl.split(",").map(decimal) },
        ["volumesMl"],
      );
      const parts = await asUser(o, (store, act) => divideProduct(store, ref(din, o), volumesMl, act));
      print(o, parts, parts.map(showProduct).join("\n"));
    });

  product
    .command("list")
    .description("list products, newest first")
    .option("--status <status>", oneOfHelp("status", PRODUCT_STATUSES))
    .option("--source <source>", oneOfHelp("source", SOURCES))
    .option("--limit <n>", "", "50")
    .option("--offset <n>", "", "0")
    .option("--json", "print JSON")
    .action(async (o: Record<string, string> & Common) => {
      const filter = optionsInput(ProductFilterSchema, o, ["status", "source", "limit", "offset"]);
      const page = await withStore((store) => listProducts(store, filter));
      print(o, page, [...page.items.map(showProduct), `${page.items.length} of ${page.total}`].join("\n"));
    });

  product
    .command("trace")
    .description("the chain of identity and custody of a DIN, from donor to recipient")
    .argument("<din>")
    .option("--json", "print JSON")
    .action(async (din: string, o: Common) => {
      const t = await withStore((store) => traceDin(store, din));
      print(o, t, showTrace(t));
    });

  // A print is a label: signed in, recorded with its copy number; a reprint needs --reason. --preview draws
  // the label stamped "PREVIEW — NOT A LABEL" and records nothing.
  productCommand(product, "label", "print a product's ISBT 128 label (100 × 100 mm), recorded; or --preview")
    .option("--pdf <file>", "write the PDF here")
    .option("--svg <file>", "write the SVG here")
    .option("--reason <text>", "why: required for a reprint (any print after the first final label)")
    .option("--preview", "draw a preview stamped as one, without recording a print")
    .action(
      async (din: string, o: Common & { pdf?: string; svg?: string; reason?: string; preview?: boolean }) => {
        if ((o.pdf === undefined) === (o.svg === undefined))
          throw new CradleError(
            "INVALID_INPUT",
            "label: give --pdf FILE or --svg FILE (one print, one file)",
            {
              field: "--pdf",
              value: "",
              reason: "give exactly one of --pdf and --svg",
            },
          );
        const { printLabel, productLabel } = await import("../bank/labels.js");
        const { getPatient } = await import("../therapy/index.js");
        const recipientName: LabelOptions["recipientName"] = (id, db) =>
          getPatient(db, id).then(
            (p) => `${p.familyName}, ${p.givenName}`,
            (e) => {
              // Not a patient here (a directed recipient elsewhere): the label prints the id alone.
              if (e instanceof CradleError) return null;
              throw e;
            },
          );
        const file = (o.pdf ?? o.svg) as string;
        if (o.preview) {
          const label = await withStore((store) => productLabel(store, ref(din, o), { recipientName }));
          writeFileSync(file, o.pdf ? await label.pdf() : label.svg);
          console.log(`label preview (not a label, nothing recorded): ${file}`);
          return;
        }
        const input = optionsInput(LabelPrintInputSchema, { ...o, format: o.pdf ? "pdf" : "svg" }, [
          "format",
          "reason",
        ]);
        const printed = await asUser(o, (store, act) =>
          printLabel(store, ref(din, o), input, act, { recipientName }),
        );
        writeFileSync(file, printed.body);
        if (o.json) console.log(JSON.stringify(printed.print, null, 2));
        else
          console.log(
            `label printed: ${printed.print.kind} label, copy ${printed.print.copy}, ${printed.print.productId} → ${file}${printed.print.reason ? ` (reason: ${printed.print.reason})` : ""}`,
          );
      },
    );

  const descriptions = product
    .command("descriptions")
    .description("the ISBT 128 product description table, imported from your own licensed file");
  descriptions
    .command("import")
    .description(
      "import product descriptions from CSV (header: code, description[, class, modifiers, attributes])",
    )
    .argument("<csv>")
    .option("--user <name>")
    .action(async (file: string, o: UserOption) => {
      const csv = readFileSync(file, "utf8");
      const n = await asUser(o, (store, act) => importProductDescriptions(store, csv, file, act));
      console.log(`${n} product descriptions imported from ${file}`);
    });
}

function showTrace(t: Trace): string {
  const c = t.collection;
  const lines = [
    `DIN ${t.dinWithCheck}: ${c.source}, donor ${c.donorId}${c.motherId ? ` (mother ${c.motherId})` : ""}, consent ${c.consentRef}`,
    `  collected ${c.collectedAt} at ${c.site}, ${c.volumeMl} mL`,
  ];
  for (const p of t.products) {
    lines.push(
      `product ${p.product.code}: ${p.product.status}${p.storage ? ` at ${p.storage.freezer}/${p.storage.rack}/${p.storage.box}/${p.storage.position}` : ""}`,
    );
    for (const s of p.signatures)
      lines.push(`  signed ${s.meaning} by ${s.printedName} (${s.username}) at ${s.signedAt}`);
  }
  lines.push("custody:");
  for (const e of t.custody) lines.push(`  ${e.at}  ${e.event.padEnd(22)} ${e.location}  (${e.by})`);
  lines.push(`recipients: ${t.recipients.length ? t.recipients.join(", ") : "none yet"}`);
  return lines.join("\n");
}
