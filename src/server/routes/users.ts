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
import { listUsers, unlockUser } from "../../accounts/users.js";
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
  app.post(
    "/api/users/:username/disable",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Disable an account (not your own, not the last admin); its sessions end now",
        params: UserParamsSchema,
        body: AccountChangeSchema,
        response: { 200: AccountSchema },
      },
    },
    async (request) =>
      disableUser(ctx.store, request.params.username, request.body, userOf(request), ctx.now()),
  );
  app.post(
    "/api/users/:username/enable",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Enable a disabled account",
        params: UserParamsSchema,
        body: AccountChangeSchema,
        response: { 200: AccountSchema },
      },
    },
    async (request) =>
      enableUser(ctx.store, request.params.username, request.body, userOf(request), ctx.now()),
  );
  app.put(
    "/api/users/:username/roles",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Replace a user's roles (never leaving no active admin); their sessions end now",
        params: UserParamsSchema,
        body: RolesChangeSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) =>
      changeRoles(ctx.store, request.params.username, request.body, userOf(request), ctx.now()),
  );
  app.post(
    "/api/users/:username/password-reset",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Issue a one-time password (answered once, changed at next sign-in); sessions end now",
        params: UserParamsSchema,
        body: AccountChangeSchema,
        response: { 200: PasswordResetSchema },
      },
    },
    async (request) =>
      resetPassword(ctx.store, request.params.username, request.body, userOf(request), ctx.now()),
  );
  app.post(
    "/api/users/:username/end-sessions",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "End every session of a user, on every server",
        params: UserParamsSchema,
        body: AccountChangeSchema,
        response: { 200: SessionsEndedSchema },
      },
    },
    async (request) =>
      endUserSessions(ctx.store, request.params.username, request.body, userOf(request), ctx.now()),
  );
  app.post(
    "/api/users/:username/unlock",
    {
      config,
      schema: {
        tags: ["users"],
        summary: "Lift a lockout after failed sign-ins and clear the account's failures (audited with why)",
        params: UserParamsSchema,
        body: UnlockSchema,
        response: { 200: UnlockAnswerSchema },
      },
    },
    async (request) =>
      unlockUser(ctx.store, request.params.username, userOf(request), ctx.now(), request.body.reason),
  );
}
