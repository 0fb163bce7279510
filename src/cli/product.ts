/**
 * `cradle product …`: the bank at the command line. Each command signs the user in (--user or
 * CRADLE_USER, password from CRADLE_PASSWORD or asked), calls one bank service function, and prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  cancelReservation,
  discardProduct,
  divideProduct,
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
  releaseProduct,
  reserveProduct,
  shipProduct,
  storeProduct,
  traceDin,
} from "../bank/index.js";
import type { Product, ProductRef } from "../bank/products.js";
import type { Trace } from "../bank/trace.js";
import { CradleError } from "../errors.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";
import { type UserOption, asUser, withStore } from "./session.js";

interface Common extends UserOption {
  product?: string;
  json?: boolean;
}

function number(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new CradleError("INVALID_INPUT", `--${field} "${text}" is not a number`, { field, value: text });
  }
  return v;
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
    .requiredOption(
      "--source <source>",
      "cord-blood, bone-marrow, peripheral-blood-apheresis or adipose-tissue",
    )
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
    .option("--abo <aboRhD>", "ABO/RhD, e.g. O+")
    .option("--expires-at <iso>", "expiry, for products that have one")
    .requiredOption("--storage <temperature>", "cryopreserved, refrigerated or room")
    .option("--recipient <id>", "the patient a directed product is for")
    .option("--user <name>", "who registers (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Record<string, string> & Common) => {
      const p = await asUser(o, (store, act) =>
        registerCollection(
          store,
          {
            din: o.din,
            fin: o.fin,
            source: o.source as string,
            donorId: o.donor as string,
            motherId: o.mother,
            consentRef: o.consent as string,
            collectedAt: o.collectedAt as string,
            site: o.site as string,
            volumeMl: number("volume-ml", o.volumeMl) as number,
            productCode: o.productCode as string,
            aboRhD: o.abo,
            expiresAt: o.expiresAt,
            storageTemperature: o.storage as string,
            recipientId: o.recipient,
          },
          act,
        ),
      );
      print(o, p, `registered ${showProduct(p)}`);
    });

  productCommand(product, "process", "record a processing step (--complete sends the product to quarantine)")
    .requiredOption(
      "--step <step>",
      "volume-reduction, red-cell-depletion, plasma-depletion, cryopreservation, thaw, wash, other",
    )
    .requiredOption("--at <iso>", "when it was done, with its zone")
    .option("--method <text>")
    .option("--reagents <text>")
    .option("--equipment <text>")
    .option("--volume-before-ml <ml>")
    .option("--volume-after-ml <ml>")
    .option("--notes <text>")
    .option("--complete", "processing is finished")
    .action(async (din: string, o: Record<string, string> & Common & { complete?: boolean }) => {
      const p = await asUser(o, (store, act) =>
        recordProcessing(
          store,
          ref(din, o),
          {
            step: o.step as string,
            performedAt: o.at as string,
            method: o.method,
            reagents: o.reagents,
            equipment: o.equipment,
            volumeBeforeMl: number("volume-before-ml", o.volumeBeforeMl),
            volumeAfterMl: number("volume-after-ml", o.volumeAfterMl),
            notes: o.notes,
            complete: o.complete,
          },
          act,
        ),
      );
      print(o, p, `${o.step} recorded: ${showProduct(p)}`);
    });

  withReferenceOptions(
    productCommand(product, "qc", "record a QC result (a number with --value, or --result)")
      .requiredOption(
        "--test <test>",
        "tnc, cd34, viability, cd34-viability, cd45-viability, cfu, sterility, hiv, hbv, hcv, syphilis, htlv, cmv, hla, abo",
      )
      .requiredOption("--stage <stage>", "pre-processing, post-processing, post-thaw or maternal")
      .option("--value <n>", "for counts (cells) and percentages")
      .option("--result <text>", "negative/positive/…, an HLA GL string, or ABO/RhD")
      .option("--method <text>")
      .requiredOption("--tested-at <iso>", "when the test was done, with its zone"),
  ).action(async (din: string, o: Record<string, string> & Common & RefOptions) => {
    const validateHla =
      o.test === "hla"
        ? await openReference(o).then((h) => (gl: string) => void h.engine.validate(gl))
        : undefined;
    const r = await asUser(o, (store, act) =>
      recordQc(
        store,
        ref(din, o),
        {
          test: o.test as string,
          stage: o.stage as string,
          value: number("value", o.value),
          result: o.result,
          method: o.method,
          testedAt: o.testedAt as string,
        },
        act,
        validateHla ? { validateHla } : {},
      ),
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
      print(o, results, results.map((r) => `${r.passed ? "pass" : "FAIL"}  ${r.message}`).join("\n"));
      if (results.some((r) => !r.passed)) process.exitCode = 1;
    });

  productCommand(
    product,
    "release",
    "release a product in quarantine: every criterion must pass; you sign with your password",
  ).action(async (din: string, o: Common) => {
    const out = await asUser(o, (store, act, password) => releaseProduct(store, ref(din, o), password, act));
    const s = out.signature;
    print(
      o,
      out,
      `released ${showProduct(out.product)}\nsigned: ${s.printedName} (${s.username}), ${s.signedAt}, meaning: ${s.meaning}, record ${s.recordHash.slice(0, 16)}…`,
    );
  });

  productCommand(product, "store", "put a product into a free storage position")
    .requiredOption("--location <f/r/b/p>", "freezer/rack/box/position, e.g. LN2-01/R03/B12/A1")
    .action(async (din: string, o: Common & { location: string }) => {
      await asUser(o, (store, act) => storeProduct(store, ref(din, o), parseLocation(o.location), act));
      print(o, { stored: o.location }, `stored at ${o.location}`);
    });

  productCommand(product, "move", "move a stored product to a free position")
    .requiredOption("--to <f/r/b/p>", "the new position")
    .requiredOption("--reason <text>", "why it moves")
    .action(async (din: string, o: Common & { to: string; reason: string }) => {
      await asUser(o, (store, act) =>
        moveProduct(store, ref(din, o), parseLocation(o.to, "to"), o.reason, act),
      );
      print(o, { moved: o.to }, `moved to ${o.to}`);
    });

  productCommand(product, "reserve", "reserve an available product for a patient")
    .requiredOption("--patient <id>", "the patient's identifier")
    .requiredOption("--reason <text>", "why: the search, the protocol")
    .action(async (din: string, o: Common & { patient: string; reason: string }) => {
      const r = await asUser(o, (store, act) => reserveProduct(store, ref(din, o), o.patient, o.reason, act));
      print(o, r, `reserved ${r.productId} for ${r.patientId}`);
    });

  productCommand(product, "unreserve", "cancel a product's reservation")
    .requiredOption("--reason <text>", "why")
    .action(async (din: string, o: Common & { reason: string }) => {
      const p = await asUser(o, (store, act) => cancelReservation(store, ref(din, o), o.reason, act));
      print(o, p, `reservation cancelled: ${showProduct(p)}`);
    });

  productCommand(product, "ship", "ship a reserved product")
    .requiredOption("--destination <site>")
    .requiredOption("--courier <name>")
    .requiredOption("--shipper <id>", "the dry shipper's serial number")
    .action(async (din: string, o: Common & { destination: string; courier: string; shipper: string }) => {
      const s = await asUser(o, (store, act) =>
        shipProduct(
          store,
          ref(din, o),
          { destination: o.destination, courier: o.courier, shipperId: o.shipper },
          act,
        ),
      );
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
    .action(async (din: string, o: Common & { condition: string; excursionReason?: string }) => {
      const r = await asUser(o, (store, act) =>
        receiveProduct(
          store,
          ref(din, o),
          { condition: o.condition, ...(o.excursionReason ? { excursionReason: o.excursionReason } : {}) },
          act,
        ),
      );
      print(o, r, `received ${showProduct(r.product)}`);
    });

  productCommand(product, "discard", "discard a product, with the reason")
    .requiredOption("--reason <text>")
    .action(async (din: string, o: Common & { reason: string }) => {
      const p = await asUser(o, (store, act) => discardProduct(store, ref(din, o), o.reason, act));
      print(o, p, `discarded ${showProduct(p)}`);
    });

  productCommand(product, "divide", "divide a product into divisions A0, B0, … by volume")
    .requiredOption("--volumes-ml <list>", "e.g. 20,5")
    .action(async (din: string, o: Common & { volumesMl: string }) => {
      const volumes = o.volumesMl.split(",").map((v) => number("volumes-ml", v) as number);
      const parts = await asUser(o, (store, act) => divideProduct(store, ref(din, o), volumes, act));
      print(o, parts, parts.map(showProduct).join("\n"));
    });

  product
    .command("list")
    .description("list products, newest first")
    .option("--status <status>")
    .option("--source <source>")
    .option("--limit <n>", "", "50")
    .option("--offset <n>", "", "0")
    .option("--json", "print JSON")
    .action(async (o: Common & { status?: string; source?: string; limit: string; offset: string }) => {
      const page = await withStore((store) =>
        listProducts(store, {
          status: o.status,
          source: o.source,
          limit: number("limit", o.limit),
          offset: number("offset", o.offset),
        }),
      );
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

  product
    .command("label")
    .description("render a product's ISBT 128 label (100 × 100 mm) as PDF and/or SVG")
    .argument("<din>")
    .option("--product <code>")
    .option("--pdf <file>", "write the PDF here")
    .option("--svg <file>", "write the SVG here")
    .action(async (din: string, o: Common & { pdf?: string; svg?: string }) => {
      if (!o.pdf && !o.svg)
        throw new CradleError("INVALID_INPUT", "label: give --pdf FILE and/or --svg FILE", { field: "pdf" });
      await withStore(async (store) => {
        const { productLabel } = await import("../bank/labels.js");
        const label = await productLabel(store, ref(din, o));
        if (o.svg) writeFileSync(o.svg, label.svg);
        if (o.pdf) writeFileSync(o.pdf, await label.pdf());
        console.log(`label: ${label.layout.barcodes.map((b) => `${b.name} ${b.data}`).join("; ")}`);
      });
    });

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
