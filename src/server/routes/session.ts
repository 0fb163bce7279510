/** Signing in and out, who am I, and changing the password. Sign-in is throttled by the accounts service. */
import type { FastifyReply } from "fastify";
import {
  ChangePasswordSchema,
  type SessionAnswer,
  SessionAnswerSchema,
  SignInSchema,
  type User,
  WhoAmISchema,
} from "../../accounts/schemas.js";
import { type Session, openSession, signOutEverywhere } from "../../accounts/sessions.js";
import { authenticate, changePassword, findUser } from "../../accounts/users.js";
import { areasOf } from "../areas.js";
import { SESSION_COOKIE, userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

/** Sets the session cookie and answers who is signed in, what they may read, and the CSRF token. */
function answerSession(reply: FastifyReply, user: User, session: Session): SessionAnswer {
  void reply.setCookie(SESSION_COOKIE, session.id, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    // Secure when the request came over HTTPS, as told by a trusted proxy's X-Forwarded-Proto (app.ts).
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
}

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
      return answerSession(reply, user, await openSession(ctx.store, user.username, ctx.now()));
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
      // The account as it is now, second factor included: after a reload the signing forms know to ask
      // for the code (the session's row alone does not say).
      const user = (await findUser(ctx.store, userOf(request).username)) ?? userOf(request);
      return { user, areas: areasOf(user.roles), csrfToken: request.csrfToken ?? "" };
    },
  );
  app.delete(
    "/api/session",
    {
      config: { access: "signed-in" },
      schema: { tags: ["session"], summary: "Sign out: ends every session of this user, on every server" },
    },
    async (request, reply) => {
      await signOutEverywhere(ctx.store, userOf(request).username);
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
        summary:
          "Change your password (required at first sign-in with a one-time password): every session of yours ends, and this one is replaced by a new one",
        body: ChangePasswordSchema,
        response: { 200: SessionAnswerSchema },
      },
    },
    async (request, reply) => {
      const me = userOf(request);
      await changePassword(ctx.store, me.username, request.body.oldPassword, request.body.newPassword, {
        address: request.ip,
        code: request.body.code,
        at: ctx.now(),
      });
      // The password was proved just now: a fresh session for this browser, none for any other.
      return answerSession(
        reply,
        { ...me, mustChangePassword: false },
        await openSession(ctx.store, me.username, ctx.now()),
      );
    },
  );
}
