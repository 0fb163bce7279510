/** `cradle user …`: accounts. The first user can be added without signing in; after that, by an admin. */
import type { Command } from "commander";
import {
  addAccount,
  changeRoles,
  disableUser,
  enableUser,
  endUserSessions,
  resetPassword,
} from "../accounts/admin.js";
import { ROLES } from "../accounts/roles.js";
import { PrintedNameSchema, ReasonSchema, RolesSchema } from "../accounts/schemas.js";
import { addUser, addingNeedsAdmin, changePassword, listUsers, unlockUser } from "../accounts/users.js";
import type { AuthenticatedUser } from "../accounts/users.js";
import { config } from "../config/index.js";
import { Obj } from "../contract/schema.js";
import type { Store } from "../store/connect.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { asUser, codeFor, readSecret, signIn, usernameOf, withStore } from "./session.js";
import { registerTotpCommands } from "./totp.js";

/** `user add`'s options, read with the service's own blocks. */
const AddOptionsSchema = Obj({ name: PrintedNameSchema, roles: RolesSchema });
const ReasonOptionsSchema = Obj({ reason: ReasonSchema });
const RolesOptionsSchema = Obj({ roles: RolesSchema, reason: ReasonSchema });

/** "a, b" → ["a", "b"]; empty items dropped (the schema then asks for at least one). */
const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("users and roles");
  user
    .command("add")
    .description("add a user (password from CRADLE_NEW_PASSWORD or asked); the first user needs no sign-in")
    .argument("<username>")
    .requiredOption("--name <printed name>", "the name printed with the user's signatures")
    .requiredOption("--roles <list>", oneOfHelp("comma-separated, of", ROLES))
    .option("--reason <text>", "why, for the audit trail (required once users exist)")
    .option("--user <name>", "the admin who adds (default $CRADLE_USER)")
    .action(async (username: string, o: { name: string; roles: string; reason?: string; user?: string }) => {
      const opts = optionsInput(AddOptionsSchema, { name: o.name, roles: list(o.roles) }, ["name", "roles"]);
      await withStore(async (store) => {
        // Whether an admin must sign in, and who must change the password, are the accounts service's rules.
        if (!(await addingNeedsAdmin(store))) {
          const password =
            process.env.CRADLE_NEW_PASSWORD ?? (await readSecret(`new password for ${username}: `));
          const u = await addUser(
            store,
            { username, printedName: opts.name, roles: opts.roles, password },
            undefined,
            new Date(),
            o.reason === undefined ? undefined : optionsInput(ReasonOptionsSchema, o, ["reason"]).reason,
          );
          console.log(`user ${u.username} (${u.printedName}): ${u.roles.join(", ")}`);
          return;
        }
        const { reason } = optionsInput(ReasonOptionsSchema, { reason: o.reason }, ["reason"]);
        const admin = (await signIn(store, o)).user;
        // CRADLE_NEW_PASSWORD when set; else the service makes a one-time password, printed once here.
        const password = process.env.CRADLE_NEW_PASSWORD;
        const added = await addAccount(
          store,
          {
            username,
            printedName: opts.name,
            roles: opts.roles,
            reason,
            ...(password !== undefined ? { password } : {}),
          },
          admin,
          new Date(),
        );
        const u = added.user;
        console.log(`user ${u.username} (${u.printedName}): ${u.roles.join(", ")}`);
        if (added.oneTimePassword)
          console.log(
            `one-time password (shown once, to be changed at first sign-in): ${added.oneTimePassword}`,
          );
      });
    });
  user
    .command("list")
    .description("users: roles, state, one-time password pending, last sign-in (admins)")
    .option("--user <name>", "the admin who asks (default $CRADLE_USER)")
    .action(async (o: { user?: string }) => {
      await asUser(o, async (store, act) => {
        for (const u of await listUsers(store, act.user, act.at)) {
          const state = [
            u.disabled ? "disabled" : "active",
            ...(u.lockedUntil ? [`locked until ${u.lockedUntil}`] : []),
            ...(u.mustChangePassword ? ["one-time password pending"] : []),
          ].join(", ");
          console.log(
            `${u.username}\t${u.printedName}\t${u.roles.join(",")}\t${state}\tlast sign-in ${u.lastSignInAt ?? "never"}`,
          );
        }
      });
    });
  const change = (
    name: string,
    description: string,
    run: (
      store: Store,
      username: string,
      reason: string,
      act: { user: AuthenticatedUser; at: Date },
    ) => Promise<string>,
  ) =>
    user
      .command(name)
      .description(`${description} (admins; audited with --reason)`)
      .argument("<username>")
      .requiredOption("--reason <text>", "why, for the audit trail")
      .option("--user <name>", "the admin who does it (default $CRADLE_USER)")
      .action(async (username: string, o: { reason: string; user?: string }) => {
        const { reason } = optionsInput(ReasonOptionsSchema, { reason: o.reason }, ["reason"]);
        await asUser(o, async (store, act) => console.log(await run(store, username, reason, act)));
      });
  change(
    "disable",
    "disable an account: no sign-in, signature or co-signing; its sessions end",
    async (store, u, reason, act) => {
      await disableUser(store, u, { reason }, act.user, act.at);
      return `user ${u} disabled; sessions ended`;
    },
  );
  change("enable", "enable a disabled account", async (store, u, reason, act) => {
    await enableUser(store, u, { reason }, act.user, act.at);
    return `user ${u} enabled`;
  });
  change(
    "reset-password",
    "issue a one-time password, printed once; the user must change it at next sign-in; sessions end",
    async (store, u, reason, act) => {
      const r = await resetPassword(store, u, { reason }, act.user, act.at);
      return `one-time password for ${u} (shown once, to be changed at next sign-in): ${r.oneTimePassword}`;
    },
  );
  change("end-sessions", "end every session of a user, on every server", async (store, u, reason, act) => {
    const r = await endUserSessions(store, u, { reason }, act.user, act.at);
    return `${r.ended} session(s) of ${u} ended`;
  });
  user
    .command("roles")
    .description("replace a user's roles (admins; audited with --reason); their sessions end")
    .argument("<username>")
    .requiredOption("--roles <list>", oneOfHelp("comma-separated, of", ROLES))
    .requiredOption("--reason <text>", "why, for the audit trail")
    .option("--user <name>", "the admin who does it (default $CRADLE_USER)")
    .action(async (username: string, o: { roles: string; reason: string; user?: string }) => {
      const opts = optionsInput(RolesOptionsSchema, { roles: list(o.roles), reason: o.reason }, [
        "roles",
        "reason",
      ]);
      await asUser(o, async (store, act) => {
        const u = await changeRoles(store, username, opts, act.user, act.at);
        console.log(`user ${u.username}: ${u.roles.join(", ")}; sessions ended`);
      });
    });
  user
    .command("unlock")
    .description("lift a lockout after failed sign-ins (admins; audited with --reason)")
    .argument("<username>")
    .requiredOption("--reason <text>", "why, for the audit trail")
    .option("--user <name>", "the admin who unlocks (default $CRADLE_USER)")
    .action(async (username: string, o: { reason: string; user?: string }) => {
      const opts = optionsInput(ReasonOptionsSchema, { reason: o.reason }, ["reason"]);
      await asUser(o, async (store, act) => {
        const r = await unlockUser(store, username, act.user, act.at, opts.reason);
        console.log(
          r.wasLocked ? `user ${username} unlocked` : `user ${username} was not locked; failures cleared`,
        );
      });
    });
  user
    .command("password")
    .description("change your password (old from CRADLE_PASSWORD, new from CRADLE_NEW_PASSWORD, or asked)")
    .option("--user <name>")
    .action(async (o: { user?: string }) => {
      await withStore(async (store) => {
        // The change authenticates with both factors itself, in one attempt: no sign-in before it.
        const username = usernameOf(o);
        const old = config().password ?? (await readSecret(`password for ${username}: `));
        const code = await codeFor(username, config().password === undefined);
        const next = process.env.CRADLE_NEW_PASSWORD ?? (await readSecret("new password: "));
        await changePassword(store, username, old, next, code !== undefined ? { code } : {});
        console.log(`password changed for ${username}`);
      });
    });
  registerTotpCommands(user);
}
