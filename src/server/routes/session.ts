/** Signing in and out, who am I, and changing the password. Sign-in is throttled by the accounts service. */
import {
  ChangePasswordSchema,
  SessionAnswerSchema,
  SignInSchema,
  WhoAmISchema,
} from "../../accounts/schemas.js";
import { closeSession, openSession } from "../../accounts/sessions.js";
import { authenticate, changePassword } from "../../accounts/users.js";
import { areasOf } from "../areas.js";
import { SESSION_COOKIE, userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

export function sessionRoutes(app: Api, ctx: ServerContext): void {
  app.post(
    "/api/session",
    {
      // Throttled per account and per address by the accounts service (in the database, shared by servers),
      // not by a per-address counter that would lock out everyone behind one proxy.
      config: { access: "public" },
      schema: {
        tags: ["session"],
        summary: "Sign in; sets the session cookie and returns the CSRF token",
        body: SignInSchema,
        response: { 200: SessionAnswerSchema },
      },
    },
    async (request, reply) => {
      const user = await authenticate(ctx.store, request.body.username, request.body.password, ctx.now(), {
        purpose: "sign-in",
        address: request.ip,
        code: request.body.code,
      });
      const session = await openSession(ctx.store, user.username, ctx.now());
      void reply.setCookie(SESSION_COOKIE, session.id, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: "auto",
        expires: new Date(session.expiresAt),
      });
      return {
        user: {
          username: user.username,
          printedName: user.printedName,
          roles: user.roles,
          mustChangePassword: user.mustChangePassword,
          totp: user.totp === true,
          mustEnrolTotp: user.mustEnrolTotp === true,
        },
        areas: areasOf(user.roles),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  );
  app.get(
    "/api/session",
    {
      config: { access: "signed-in" },
      schema: { tags: ["session"], summary: "The signed-in user", response: { 200: WhoAmISchema } },
    },
    // The page reads its CSRF token here after a reload; other origins cannot read this answer.
    async (request) => {
      const user = userOf(request);
      return { user, areas: areasOf(user.roles), csrfToken: request.csrfToken ?? "" };
    },
  );
  app.delete(
    "/api/session",
    { config: { access: "signed-in" }, schema: { tags: ["session"], summary: "Sign out" } },
    async (request, reply) => {
      if (request.sessionId) await closeSession(ctx.store, request.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );
  app.post(
    "/api/session/password",
    {
      config: { access: "signed-in", rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["session"],
        summary: "Change your password (required at first sign-in with a one-time password)",
        body: ChangePasswordSchema,
      },
    },
    async (request, reply) => {
      await changePassword(
        ctx.store,
        userOf(request).username,
        request.body.oldPassword,
        request.body.newPassword,
        { address: request.ip, code: request.body.code, at: ctx.now() },
      );
      return reply.status(204).send();
    },
  );
}
