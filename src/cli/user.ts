/** `cradle user …`: accounts. The first user can be added without signing in; after that, by an admin. */
import type { Command } from "commander";
import { ROLES } from "../accounts/roles.js";
import { PrintedNameSchema, RolesSchema } from "../accounts/schemas.js";
import { addUser, addingNeedsAdmin, changePassword, unlockUser } from "../accounts/users.js";
import { Line, MAX, Obj } from "../contract/schema.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { asUser, readSecret, signIn, withStore } from "./session.js";
import { registerTotpCommands } from "./totp.js";

/** `user add`'s options, read with the service's own blocks. */
const AddOptionsSchema = Obj({ name: PrintedNameSchema, roles: RolesSchema });
const UnlockOptionsSchema = Obj({ reason: Line(MAX.line, { minLength: 1 }) });

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
    .option("--user <name>", "the admin who adds (default $CRADLE_USER)")
    .action(async (username: string, o: { name: string; roles: string; user?: string }) => {
      const opts = optionsInput(AddOptionsSchema, { name: o.name, roles: list(o.roles) }, ["name", "roles"]);
      await withStore(async (store) => {
        // Whether an admin must sign in, and who must change the password, are the accounts service's rules.
        const admin = (await addingNeedsAdmin(store)) ? (await signIn(store, o)).user : undefined;
        const password =
          process.env.CRADLE_NEW_PASSWORD ?? (await readSecret(`new password for ${username}: `));
        const u = await addUser(
          store,
          { username, printedName: opts.name, roles: opts.roles, password },
          admin,
          new Date(),
        );
        console.log(`user ${u.username} (${u.printedName}): ${u.roles.join(", ")}`);
      });
    });
  user
    .command("unlock")
    .description("lift a lockout after failed sign-ins (admins; audited with --reason)")
    .argument("<username>")
    .requiredOption("--reason <text>", "why, for the audit trail")
    .option("--user <name>", "the admin who unlocks (default $CRADLE_USER)")
    .action(async (username: string, o: { reason: string; user?: string }) => {
      const opts = optionsInput(UnlockOptionsSchema, { reason: o.reason }, ["reason"]);
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
        const { user: me, password } = await signIn(store, o);
        const next = process.env.CRADLE_NEW_PASSWORD ?? (await readSecret("new password: "));
        await changePassword(store, me.username, password, next);
        console.log(`password changed for ${me.username}`);
      });
    });
  registerTotpCommands(user);
}
