/**
 * An e-signature with both factors in Debian's Chromium (issue 15): the quality manager enrols an
 * authenticator app on the Account page, then the release form asks the code besides the password; without
 * it the server refuses, with it the product is released. Codes come from otpauth with RFC 6238's defaults
 * (SHA-1, 6 digits, 30 s), as an authenticator app computes them from the secret shown once.
 */
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("an e-signature with TOTP", () => {
  it("releases only with the signer's code", async () => {
    const url = app.server().url;
    const lab = await app.newPage();
    await signIn(lab, url, "lab");
    await lab.goto(`${url}/register`);
    await lab.getByLabel("Facility (FIN) to allocate a DIN").fill("W9999");
    await lab.getByLabel("Donor (local id, never a name)").fill("E2E-TOTP-DONOR");
    await lab.getByLabel("Mother (cord blood)").fill("E2E-TOTP-MOTHER");
    await lab.getByLabel("Consent reference").fill("E2E-TOTP-CONSENT");
    await lab.getByLabel("Collection site").fill("St Mary Maternity");
    await lab.getByLabel("Volume (mL)").fill("85");
    await lab.getByLabel("Product code").fill("S9001V00");
    await lab.getByLabel("ABO/RhD").fill("O+");
    await lab.getByLabel("Collected at").fill(new Date(Date.now() - 6 * 3600_000).toISOString().slice(0, 16));
    await lab.getByRole("button", { name: "Register" }).click();
    await lab.waitForURL(/\/products\/W9999/, { timeout: 10_000 });
    const din = lab.url().split("/products/")[1] as string;
    const form = (name: string) => lab.getByRole("form", { name });
    const proc = form("Record processing");
    await proc.locator('select[name="step"]').selectOption("volume-reduction");
    await proc.locator('input[name="volumeAfterMl"]').fill("25");
    await proc.locator('input[name="complete"]').check();
    await proc.getByRole("button", { name: "Record" }).click();
    await lab.locator(".status.quarantine").first().waitFor();
    const qc = async (test: string, stage: string, value: string, kind: "value" | "result") => {
      const f = form("Record a QC result");
      await f.locator('select[name="test"]').selectOption(test);
      await f.locator('select[name="stage"]').selectOption(stage);
      await f.locator(`input[name="${kind}"]`).fill(value);
      await f.getByRole("button", { name: "Record" }).click();
      await f.getByText("Record a QC result: done").waitFor();
    };
    await qc("tnc", "post-processing", "1200000000", "value");
    await qc("cd34", "post-processing", "4100000", "value");
    await qc("viability", "post-processing", "93", "value");
    await qc("sterility", "post-processing", "negative", "result");
    await qc("abo", "post-processing", "O+", "result");
    await qc("hla", "post-processing", "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01", "result");
    for (const m of ["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"])
      await qc(m, "maternal", "negative", "result");
    await lab.close();

    // The quality manager enrols: the secret shown once, confirmed with the previous step's code so the
    // code of now is still unused (a code is good once).
    const qm = await app.newPage();
    await signIn(qm, url, "quality");
    await qm.goto(`${url}/account`);
    await qm.getByRole("button", { name: "Show the QR code" }).click();
    const secret = (await qm.locator("form.signin p code").textContent()) ?? "";
    const codeAt = (ms: number) =>
      new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
    await qm.getByLabel("The code the app shows now").fill(codeAt(Date.now() - 30_000));
    await qm.getByRole("button", { name: "Confirm" }).click();
    await qm.getByRole("button", { name: "I have kept them: go on" }).waitFor();

    await qm.goto(`${url}/products/${din}`);
    // The signature is asked in a dialog that names its meaning.
    await qm.getByRole("button", { name: "Release…" }).click();
    const release = qm.getByRole("form", { name: /^Release: sign as Quinn Quality/ });
    await release.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await release.getByRole("button", { name: "Sign and release" }).click();
    await expect.poll(() => release.getByRole("alert").textContent()).toContain("AUTH_FAILED");
    await release.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await release.locator('input[name="code"]').fill(codeAt(Date.now()));
    await release.getByRole("button", { name: "Sign and release" }).click();
    await qm.getByText(/Signed released by Quinn Quality \(demo\)/).waitFor();
    await qm.locator(".status.available").first().waitFor();
    await qm.close();
  });
});
