/**
 * The admin's user management page in Debian's Chromium (issues 14 and 15): the admin adds a user, who
 * signs in with the one-time password shown once; the admin disables them (a reason is required: the
 * server's refusal is shown), and the disabled user can no longer sign in.
 */
import { describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("user management", () => {
  it("adds a user, disables them, and the disabled user can no longer sign in", async () => {
    const url = app.server().url;
    const admin = await app.newPage();
    await signIn(admin, url, "admin", ADMIN_PASSWORD);
    await admin.getByRole("link", { name: "Users" }).click();
    await admin.getByRole("heading", { name: "Users", exact: true }).waitFor();

    const add = admin.getByRole("form", { name: "Add a user" });
    await add.getByLabel("User name").fill("otto.e2e");
    await add.getByLabel("Printed name").fill("Otto Orderly");
    await add.getByLabel("nurse").check();
    await add.getByLabel("Reason").fill("new starter, ward 3");
    await add.getByRole("button", { name: "Add user" }).click();
    const otp = (await add.getByTestId("one-time-password").textContent()) ?? "";
    expect(otp.length).toBeGreaterThanOrEqual(16);
    const row = admin.locator('tr[data-user="otto.e2e"]');
    await expect.poll(() => row.getByTestId("state").textContent()).toBe("active, one-time password pending");
    await shot(admin, "users-added");

    // The one-time password works once given: the new user is asked to choose their own.
    const otto = await app.newPage();
    await otto.goto(url);
    await otto.getByLabel("User name").fill("otto.e2e");
    await otto.getByLabel("Password").fill(otp);
    await otto.getByRole("button", { name: "Sign in" }).click();
    await otto.getByRole("button", { name: "Change password" }).waitFor();

    await row.getByRole("button", { name: "Manage" }).click();
    const manage = admin.getByRole("form", { name: "Manage otto.e2e" });
    // Without a reason the server refuses, and the page says why.
    await manage.getByRole("button", { name: "Disable" }).click();
    // The refusal names the field as the form labels it ("Reason"), not as the schema spells it.
    await expect.poll(() => manage.getByRole("alert").textContent()).toContain("Reason");
    await manage.getByLabel("Reason").fill("left the unit");
    await manage.getByRole("button", { name: "Disable" }).click();
    await expect.poll(() => manage.getByTestId("done").textContent()).toContain("otto.e2e disabled");
    await expect
      .poll(() => row.getByTestId("state").textContent())
      .toBe("disabled, one-time password pending");
    await shot(admin, "users-disabled");

    // The open session ended with the disable; a new sign-in is refused like any wrong password.
    const again = await app.newPage();
    await again.goto(url);
    await again.getByLabel("User name").fill("otto.e2e");
    await again.getByLabel("Password").fill(otp);
    await again.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("AUTH_FAILED");
    // Admin refuses to disable themself; the server's message is shown.
    await admin.locator('tr[data-user="admin"]').getByRole("button", { name: "Manage" }).click();
    const self = admin.getByRole("form", { name: "Manage admin" });
    await self.getByLabel("Reason").fill("testing");
    await self.getByRole("button", { name: "Disable" }).click();
    await expect.poll(() => self.getByRole("alert").textContent()).toContain("OWN_ACCOUNT");
    for (const p of [admin, otto, again]) await p.close();
  });
});
