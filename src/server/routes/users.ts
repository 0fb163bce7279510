/**
 * Users, for admins: the list, add, disable and enable, roles, password reset, end sessions, lift a
 * lockout. Each change carries a reason; the accounts service checks, audits and refuses.
 */
import {
  addAccount,
  changeRoles,
  disableUser,
  enableUser,
  endUserSessions,
  resetPassword,
} from "../../accounts/admin.js";
import {
  AccountChangeSchema,
  AccountSchema,
  AddUserSchema,
  AddedUserSchema,
  PasswordResetSchema,
  RolesChangeSchema,
  SessionsEndedSchema,
  UnlockAnswerSchema,
  UnlockSchema,
  UserListSchema,
  UserParamsSchema,
  UserSchema,
} from "../../accounts/schemas.js";
import type { User } from "../../accounts/schemas.js";
import { listUsers, unlockUser } from "../../accounts/users.js";
import type { TSchema } from "../../contract/schema.js";
import type { Store } from "../../store/connect.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

export function userRoutes(app: Api, ctx: ServerContext): void {
  const config = { access: ACCESS.manageUsers };
  app.get(
    "/api/users",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Users: roles, disabled, locked, one-time password pending, last sign-in",
        response: { 200: UserListSchema },
      },
    },
    async (request) => ({ items: await listUsers(ctx.store, userOf(request), ctx.now()) }),
  );
  app.post(
    "/api/users",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Add a user; without a password the answer carries a one-time password, shown once",
        body: AddUserSchema,
        response: { 201: AddedUserSchema },
      },
    },
    async (request, reply) => {
      const added = await addAccount(ctx.store, request.body, userOf(request), ctx.now());
      return reply.status(201).send(added);
    },
  );
  /** A change to one account: POST or PUT /api/users/:username/<path>, the body checked by the service. */
  const change = <B>(
    method: "post" | "put",
    path: string,
    summary: string,
    body: TSchema,
    response: TSchema,
    run: (username: string, body: B, by: User, at: Date) => Promise<unknown>,
  ) =>
    app[method](
      `/api/users/:username/${path}`,
      {
        config,
        schema: { tags: ["users"], summary, params: UserParamsSchema, body, response: { 200: response } },
      },
      async (request) => run(request.params.username, request.body as B, userOf(request), ctx.now()),
    );

  const on =
    <B>(f: (store: Store, username: string, body: B, by: User, at: Date) => Promise<unknown>) =>
    (username: string, body: B, by: User, at: Date) =>
      f(ctx.store, username, body, by, at);

  change(
    "post",
    "disable",
    "Disable an account (not your own, not the last admin); its sessions end now",
    AccountChangeSchema,
    AccountSchema,
    on(disableUser),
  );
  change("post", "enable", "Enable a disabled account", AccountChangeSchema, AccountSchema, on(enableUser));
  change(
    "put",
    "roles",
    "Replace a user's roles (never leaving no active admin); their sessions end now",
    RolesChangeSchema,
    UserSchema,
    on(changeRoles),
  );
  change(
    "post",
    "password-reset",
    "Issue a one-time password (answered once, changed at next sign-in); sessions end now",
    AccountChangeSchema,
    PasswordResetSchema,
    on(resetPassword),
  );
  change(
    "post",
    "end-sessions",
    "End every session of a user, on every server",
    AccountChangeSchema,
    SessionsEndedSchema,
    on(endUserSessions),
  );
  change(
    "post",
    "unlock",
    "Lift a lockout after failed sign-ins and clear the account's failures (audited with why)",
    UnlockSchema,
    UnlockAnswerSchema,
    (username, body: { reason: string }, by, at) => unlockUser(ctx.store, username, by, at, body.reason),
  );
}
