/**
 * `cradle user totp …`: the second factor. Enrol (the secret shown once as an otpauth:// URI, the QR code
 * written to a file), confirm with a first code (the recovery codes printed once), the state, and an
 * admin's removal for a lost device.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { TotpCodeSchema } from "../accounts/schemas.js";
import { beginTotp, confirmTotp, removeTotp, totpQrSvg, totpStatus } from "../accounts/users.js";
import { Line, MAX, Obj } from "../contract/schema.js";
import { optionsInput } from "./input.js";
import { asUser, signIn, withStore } from "./session.js";

const ConfirmOptionsSchema = Obj({ code: TotpCodeSchema });
const RemoveOptionsSchema = Obj({ reason: Line(MAX.line, { minLength: 1 }) });
const EnrolOptionsSchema = Obj({ qr: Line(4096) });

export function registerTotpCommands(user: Command): void {
  const totp = user.command("totp").description("the second factor: an authenticator app (TOTP, RFC 6238)");
  totp
    .command("enrol")
    .description("begin enrolling: prints the otpauth:// URI and secret once; confirm with a first code")
    .option("--qr <file>", "also write the URI's QR code (SVG) to this file")
    .option("--user <name>", "who enrols (default $CRADLE_USER)")
    .action(async (o: { qr?: string; user?: string }) => {
      const opts = o.qr === undefined ? undefined : optionsInput(EnrolOptionsSchema, { qr: o.qr }, ["qr"]);
      await withStore(async (store) => {
        const { user: me } = await signIn(store, o);
        const e = await beginTotp(store, me, new Date());
        if (opts) writeFileSync(opts.qr, await totpQrSvg(e.uri), { mode: 0o600 });
        console.log(`scan or type into the authenticator app (shown once):\n${e.uri}\nsecret ${e.secret}`);
        if (opts) console.log(`QR code written to ${opts.qr}`);
        console.log("then: cradle user totp confirm --code CODE");
      });
    });
  totp
    .command("confirm")
    .description("activate the second factor with the app's first code; prints ten recovery codes once")
    .requiredOption("--code <code>", "the 6-digit code the app shows now")
    .option("--user <name>", "who enrols (default $CRADLE_USER)")
    .action(async (o: { code: string; user?: string }) => {
      const opts = optionsInput(ConfirmOptionsSchema, { code: o.code }, ["code"]);
      await withStore(async (store) => {
        const { user: me } = await signIn(store, o);
        const r = await confirmTotp(store, me, opts.code, new Date());
        console.log("second factor active. Recovery codes, each good once (shown once: keep them apart):");
        for (const c of r.recoveryCodes) console.log(`  ${c}`);
      });
    });
  totp
    .command("status")
    .description("your second factor's state and recovery codes left")
    .option("--user <name>", "who (default $CRADLE_USER)")
    .action(async (o: { user?: string }) => {
      await withStore(async (store) => {
        const { user: me } = await signIn(store, o);
        const s = await totpStatus(store, me.username);
        console.log(
          `${me.username}: ${s.state}, ${s.recoveryCodesLeft} recovery codes left${s.required ? " (required by role)" : ""}`,
        );
      });
    });
  totp
    .command("remove")
    .description("remove a user's second factor, e.g. a lost phone (admins; audited with --reason)")
    .argument("<username>")
    .requiredOption("--reason <text>", "why, for the audit trail")
    .option("--user <name>", "the admin (default $CRADLE_USER)")
    .action(async (username: string, o: { reason: string; user?: string }) => {
      const opts = optionsInput(RemoveOptionsSchema, { reason: o.reason }, ["reason"]);
      await asUser(o, async (store, act) => {
        const r = await removeTotp(store, username, act.user, opts.reason, act.at);
        console.log(r.removed ? `second factor of ${username} removed` : `${username} had no second factor`);
      });
    });
}
