/** `cradle user …`: accounts. The first user can be added without signing in; after that, by an admin. */
import type { Command } from "commander";
import { changePassword, countUsers, createUser, parseRoles, requireRole } from "../accounts/users.js";
import { readSecret, signIn, withStore } from "./session.js";

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("users and roles");
  user
    .command("add")
    .description("add a user (password from CRADLE_NEW_PASSWORD or asked); the first user needs no sign-in")
    .argument("<username>")
    .requiredOption("--name <printed name>", "the name printed with the user's signatures")
    .requiredOption(
      "--roles <list>",
      "admin, lab-technologist, physician, coordinator, quality-manager, researcher, auditor",
    )
    .option("--user <name>", "the admin who adds (default $CRADLE_USER)")
    .action(async (username: string, o: { name: string; roles: string; user?: string }) => {
      await withStore(async (store) => {
        const roles = parseRoles(o.roles);
        let by = "system";
        if ((await countUsers(store)) > 0) {
          const { user: admin } = await signIn(store, o);
          requireRole(admin, ["admin"], "add users");
          by = admin.username;
        }
        const password =
          process.env.CRADLE_NEW_PASSWORD ?? (await readSecret(`new password for ${username}: `));
        const u = await createUser(
          store,
          {
            username,
            printedName: o.name,
            roles,
            password,
            mustChangePassword: by !== "system" && by !== username,
          },
          by,
          new Date(),
        );
        console.log(`user ${u.username} (${u.printedName}): ${u.roles.join(", ")}`);
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
}
