/**
 * The bank from the command line, as a lab runs it on a fresh SQLite database: users, a cord unit from
 * registration to a signed release, its label decoded back from the PDF, its trace, and an audit trail
 * that notices an edit made behind Cradle's back.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { decode, rasterizePdf } from "../../test/support/barcodes.js";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580 } from "../../test/support/shared.js";
import { parseDataStructure } from "../isbt128/data-structures.js";
import { parseDin } from "../isbt128/din.js";
import { labelMeasure } from "../isbt128/label-metrics.js";
import { layoutLabel } from "../isbt128/label.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-bank-"));
const DB = join(dir, "bank.db");
const ENV = { CRADLE_DATABASE_URL: `sqlite://${DB}` };
const TECH = { ...ENV, CRADLE_USER: "tina", CRADLE_PASSWORD: "tech password 1" };
const QM = { ...ENV, CRADLE_USER: "quinn", CRADLE_PASSWORD: "quality password 1" };
const run = (args: string[], env: Record<string, string> = TECH) => cradle(args, undefined, HLA_3580, env);

describe("cradle product, audit and user", () => {
  let din = "";

  it("adds the first admin without sign-in, then users only as admin", async () => {
    expect(
      (
        await run(["user", "add", "ada", "--name", "Ada Admin", "--roles", "admin"], {
          ...ENV,
          CRADLE_NEW_PASSWORD: "admin password 1",
        })
      ).code,
    ).toBe(0);
    const refused = await run(
      ["user", "add", "eve", "--name", "Eve", "--roles", "admin", "--reason", "new starter"],
      {
        ...ENV,
        CRADLE_NEW_PASSWORD: "another password 12",
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("AUTH_FAILED");
    const admin = { ...ENV, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin password 1" };
    expect(
      (
        await run(
          [
            "user",
            "add",
            "tina",
            "--name",
            "Tina Lab",
            "--roles",
            "lab-technologist",
            "--reason",
            "new starter",
          ],
          {
            ...admin,
            CRADLE_NEW_PASSWORD: "tech password 1",
          },
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          [
            "user",
            "add",
            "quinn",
            "--name",
            "Quinn Quality",
            "--roles",
            "quality-manager",
            "--reason",
            "new starter",
          ],
          {
            ...admin,
            CRADLE_NEW_PASSWORD: "quality password 1",
          },
        )
      ).code,
    ).toBe(0);
    const short = await run(
      ["user", "add", "sam", "--name", "Sam", "--roles", "physician", "--reason", "new starter"],
      {
        ...admin,
        CRADLE_NEW_PASSWORD: "short",
      },
    );
    expect(short.err).toContain("password: password is 5 characters, at least 15");
  });

  it("refuses bad options naming the option as typed, exit 2, and lists the fixed values in --help", async () => {
    const base = ["product", "register", "--fin", "G1234", "--source", "cord-blood", "--donor", "INF-1"];
    const rest = ["--consent", "C-1", "--collected-at", "2026-03-01T08:00:00Z", "--site", "St Mary"];
    const tail = ["--product-code", "S1234V00", "--storage", "cryopreserved"];
    for (const [volume, reason] of [
      ["true", "must be a finite number"],
      ["1e300", "is above the maximum 5000"],
      ["0x50", "must be a finite number"],
      ["6000", "is above the maximum 5000"],
    ]) {
      const r = await run([...base, ...rest, "--volume-ml", volume as string, ...tail]);
      expect(r.code).toBe(2);
      // The value is quoted as read: 1e300 was read as a number, 1e+300.
      expect(r.err).toMatch(new RegExp(`--volume-ml "[^"]+" ${reason}`));
    }
    const when = await run([
      ...base,
      "--consent",
      "C-1",
      "--collected-at",
      "2026-02-30T08:00:00Z",
      "--site",
      "St Mary",
      "--volume-ml",
      "80",
      ...tail,
    ]);
    expect(when.code).toBe(2);
    expect(when.err).toContain('--collected-at "2026-02-30T08:00:00Z" is not an ISO 8601 date and time');
    const storage = await run([
      ...base,
      ...rest,
      "--volume-ml",
      "80",
      "--product-code",
      "S1234V00",
      "--storage",
      "toString",
    ]);
    expect(storage.code).toBe(2);
    expect(storage.err).toContain('--storage "toString" is not one of: cryopreserved, refrigerated, room');
    const list = await run(["product", "list", "--limit", "Infinity"]);
    expect(list.code).toBe(2);
    expect(list.err).toContain('--limit "Infinity" must be a whole number');
    // Commander wraps long help lines.
    const help = (await run(["product", "qc", "--help"])).out.replace(/\s+/g, " ");
    expect(help).toContain("hiv, hbv, hcv, syphilis, htlv, cmv, hla, abo");
    expect(help).toContain("pre-processing, post-processing, post-thaw, maternal");
  });

  it("registers, processes and tests a cord unit", async () => {
    const r = await run([
      "product",
      "register",
      "--fin",
      "G1234",
      "--source",
      "cord-blood",
      "--donor",
      "INF-1",
      "--mother",
      "MOT-1",
      "--consent",
      "C-2026-1",
      "--collected-at",
      "2026-03-01T08:00:00+01:00",
      "--site",
      "St Mary",
      "--volume-ml",
      "80",
      "--product-code",
      "S1234V00",
      "--abo",
      "O+",
      "--storage",
      "cryopreserved",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    din = JSON.parse(r.out).din;
    expect(din).toMatch(/^G123426\d{6}$/);
    expect(
      (
        await run([
          "product",
          "process",
          din,
          "--step",
          "volume-reduction",
          "--at",
          "2026-03-01T10:00:00Z",
          "--volume-after-ml",
          "25",
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await run([
          "product",
          "process",
          din,
          "--step",
          "cryopreservation",
          "--at",
          "2026-03-01T11:00:00Z",
          "--complete",
        ])
      ).code,
    ).toBe(0);
    const at = ["--tested-at", "2026-03-02T12:00:00Z"];
    const results = [
      ["tnc", "post-processing", "--value", "1.1e9"],
      ["cd34", "post-processing", "--value", "3.2e6"],
      ["viability", "post-processing", "--value", "91"],
      ["sterility", "post-processing", "--result", "negative"],
      ["abo", "post-processing", "--result", "O+"],
      ["hla", "post-processing", "--result", "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01"],
      ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((m) => [m, "maternal", "--result", "negative"]),
    ];
    for (const [test, stage, kind, value] of results) {
      const q = await run([
        "product",
        "qc",
        din,
        "--test",
        test as string,
        "--stage",
        stage as string,
        kind as string,
        value as string,
        ...at,
      ]);
      expect(q.code, `${test}: ${q.err}`).toBe(0);
    }
    const bad = await run([
      "product",
      "qc",
      din,
      "--test",
      "hla",
      "--stage",
      "post-processing",
      "--result",
      "A*01:01+A*02:999",
      ...at,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("HLA_UNKNOWN_ALLELE");
  });

  it("releases only by a quality manager who signs with the password", async () => {
    expect((await run(["product", "check", din])).code).toBe(0);
    const tech = await run(["product", "release", din]);
    expect(tech.code).toBe(2);
    expect(tech.err).toContain("FORBIDDEN");
    const wrong = await run(["product", "release", din], { ...QM, CRADLE_PASSWORD: "not the password" });
    expect(wrong.err).toContain("AUTH_FAILED");
    const ok = await run(["product", "release", din], QM);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/signed: Quinn Quality \(quinn\), .*meaning: released/);
  });

  it("prints a label PDF whose barcodes decode to the product's DIN and product code", async () => {
    const pdf = join(dir, "label.pdf");
    const r = await run(["product", "label", din, "--pdf", pdf]);
    expect(r.code, r.err).toBe(0);
    // The layout gives where each symbol is; the PDF, rasterized at 300 dpi, is what is decoded.
    const layout = layoutLabel(
      {
        productName: "",
        din: parseDin(din),
        productCode: "S1234V00",
        aboRhD: "O+",
        expiresAt: null,
        volumeMl: 25,
        cellCounts: [],
        autologous: false,
        recipient: null,
        storageText: "x",
        facility: { name: null, fin: "G1234" },
        collectedAt: "2026-03-01T00:00:00Z",
        collectionSite: "x",
        kind: "final",
      },
      labelMeasure,
    );
    const raster = rasterizePdf(readFileSync(pdf));
    const dinBar = parseDataStructure(decode(raster, layout.barcodes.find((b) => b.name === "din") as never));
    const codeBar = parseDataStructure(
      decode(raster, layout.barcodes.find((b) => b.name === "product") as never),
    );
    expect(dinBar.structure === "001" && dinBar.din.id).toBe(din);
    expect(codeBar).toMatchObject({
      structure: "003",
      productCode: "S1234",
      collectionType: "V",
      division: "00",
    });
  });

  it("traces the DIN from collection to release", async () => {
    const r = await run(["product", "trace", din]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("donor INF-1 (mother MOT-1)");
    expect(r.out).toMatch(/collected\s+St Mary/);
    expect(r.out).toContain("signed released by Quinn Quality");
  });

  it("closes a hold only by a quality manager's signed disposition, refusing bad options with exit 2", async () => {
    // A positive culture after release holds the unit.
    const held = await run([
      "product",
      "qc",
      din,
      "--test",
      "sterility",
      "--stage",
      "post-processing",
      "--result",
      "positive",
      "--tested-at",
      "2026-03-03T12:00:00Z",
      "--retest",
      "confirmatory",
      "--reason",
      "retained culture grew Staphylococcus epidermidis at day 5",
    ]);
    expect(held.code, held.err).toBe(0);
    const why = ["--reason", "repeat culture negative; contamination at sampling documented in DV-2026-014"];
    const tech = await run(["product", "disposition", din, "--decision", "release", ...why]);
    expect(tech.code).toBe(2);
    expect(tech.err).toContain("FORBIDDEN");
    const decision = await run(["product", "disposition", din, "--decision", "keep", ...why], QM);
    expect(decision.code).toBe(2);
    expect(decision.err).toContain('--decision "keep" is not one of');
    const short = await run(["product", "disposition", din, "--decision", "release", "--reason", "ok"], QM);
    expect(short.code).toBe(2);
    expect(short.err).toContain("--reason");
    const missing = await run(["product", "disposition", din, "--decision", "release"], QM);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--reason");
    const wrong = await run(["product", "disposition", din, "--decision", "release", ...why], {
      ...QM,
      CRADLE_PASSWORD: "not the password",
    });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("AUTH_FAILED");
    // No refusal closed anything: the signed disposition closes the one hold.
    const ok = await run(["product", "disposition", din, "--decision", "release", ...why], QM);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("release: ");
    expect(ok.out).toContain("1 hold(s) closed");
    expect(ok.out).toMatch(/signed: Quinn Quality \(quinn\), .*meaning: disposition/);
    const again = await run(["product", "disposition", din, "--decision", "release", ...why], QM);
    expect(again.code).toBe(2);
    expect(again.err).toContain("STATUS_TRANSITION_ILLEGAL");
    expect(again.err).toContain("has no open hold");
  });

  it("verifies the audit trail, and finds a row changed directly in SQL", async () => {
    const ok = await run(["audit", "verify"]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain("audit trail intact");
    const db = new Database(DB);
    db.prepare(
      "update audit_event set after_json = replace(after_json, '1100000000', '2100000000') where action = 'product.qc.tnc'",
    ).run();
    const seq = (
      db.prepare("select seq from audit_event where action = 'product.qc.tnc'").get() as { seq: number }
    ).seq;
    db.close();
    const broken = await run(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`AUDIT TRAIL BROKEN at event ${seq}`);
  });
});

describe("cradle isbt128 contract", () => {
  it("prints the check character of every DIN in ICCBBA's examples", async () => {
    const rows = readFileSync(
      join(HLA_3580, "..", "..", "..", "peer-tests", "isbt128", "din-check-characters.tsv"),
      "utf8",
    )
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("din\t"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [din13, k] = row.split("\t");
      const r = await cradle(["isbt128", "check-char", din13 as string]);
      expect(r.code, r.err).toBe(0);
      expect(r.out.trim(), din13).toBe(k);
    }
  });

  it("parses a barcode into numbered structures, and exits 1 on a wrong Type 3 flag", async () => {
    const ok = await cradle(["isbt128", "parse", "=G12341765432170"]);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toEqual([
      expect.objectContaining({
        number: "001",
        din: expect.objectContaining({ id: "G123417654321", flags: "70" }),
      }),
    ]);
    const compound = await cradle(["isbt128", "parse", "=+02000=G12341765432170=<S1234100"]);
    expect(JSON.parse(compound.out).map((d: { number: string }) => d.number)).toEqual(["023", "001", "003"]);
    const bad = await cradle(["isbt128", "parse", "=G12341765432171"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("DIN_BAD_CHECK_CHARACTER");
    const junk = await cradle(["isbt128", "parse", "=<S12X4100"]);
    expect(junk.code).toBe(1);
    expect(junk.err).toContain('character 6 "X"');
  });
});
