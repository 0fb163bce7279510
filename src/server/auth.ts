import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from "fastify";
/**
 * Authentication, roles and CSRF on every request. The session id travels in an HTTP-only, SameSite=Strict
 * cookie; every request that changes something must also carry the session's CSRF token in the
 * x-csrf-token header. Routes are denied unless their access allows: 401 without a session, 403 with the
 * wrong role, a missing token, or a password that must be changed first.
 */
import type { Act } from "../accounts/act.js";
import { TotpCodeSchema } from "../accounts/schemas.js";
import { type LiveSession, sessionUser } from "../accounts/sessions.js";
import { type User, passwordChangeRefusal, totpEnrolmentRefusal } from "../accounts/users.js";
import { check } from "../contract/validate.js";
import type { ErrorCode } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Access } from "./access.js";
import { send } from "./errors.js";

export const SESSION_COOKIE = "cradle_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * All an account with a one-time password may call: who am I, sign out, change the password. Named one by
 * one, so a route added under /api/session later is closed to it until listed here.
 */
export const OPEN_WHILE_PASSWORD_PENDING: ReadonlySet<string> = new Set([
  "GET /api/session",
  "HEAD /api/session",
  "DELETE /api/session",
  "POST /api/session/password",
]);

/** All an account that must enrol a second factor may call: the above and the enrolment's own routes. */
export const OPEN_WHILE_TOTP_PENDING: ReadonlySet<string> = new Set([
  ...OPEN_WHILE_PASSWORD_PENDING,
  "GET /api/session/totp",
  "HEAD /api/session/totp",
  "POST /api/session/totp",
  "POST /api/session/totp/confirm",
]);

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** The route's declared input schemas (body, querystring, params): the contract test breaks each field. */
  schema?: FastifySchema;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every API route with its access, for the permission matrix and the docs. */
    cradleRoutes: RouteAccess[];
  }
  interface FastifyRequest {
    user?: User;
    sessionId?: string;
    csrfToken?: string;
  }
}

/** The signed-in user of a request whose route let it through. */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw new Error(`route ${request.routeOptions.url} has no user: its access is public`);
  return request.user;
}

/** The header a signing request carries the signer's second-factor code in (TOTP or a recovery code). */
export const SECOND_FACTOR_HEADER = "x-second-factor";

/** The request's second-factor code, checked like any input; none when the header is absent. */
export function secondFactorOf(request: FastifyRequest): { code?: string } {
  const h = request.headers[SECOND_FACTOR_HEADER];
  if (h === undefined) return {};
  return { code: check(TotpCodeSchema, h, SECOND_FACTOR_HEADER) };
}

/** Who acts through a request, when (the server's clock), from where, with the second factor it carries. */
export function actOf(request: FastifyRequest, now: () => Date): Act {
  return { user: userOf(request), at: now(), address: request.ip, ...secondFactorOf(request) };
}

export function registerAuth(app: FastifyInstance, store: Store, now: () => Date): void {
  // Deny by default: an /api route that says nothing about access stops the server from starting.
  const routes: RouteAccess[] = [];
  app.decorate("cradleRoutes", routes);
  app.addHook("onRoute", (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith("/api/") || url.startsWith("/api/docs")) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${route.method} ${url} declares no access`);
    for (const method of [route.method].flat())
      if (method !== "HEAD")
        routes.push({ method, url, access, ...(route.schema ? { schema: route.schema } : {}) });
  });

  // Every request reads its session from the database (no cache a revoked session could outlive).
  app.addHook("onRequest", (request, reply, done) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === "public") return done();
    const cookies = request.headers.cookie;
    const id = cookies ? app.parseCookie(cookies)[SESSION_COOKIE] : undefined;
    if (!id) return deny(reply, "AUTH_REQUIRED", "sign in first");
    sessionUser(store, id, now()).then(
      (session) => admit(request, reply, access, id, session, done),
      (e: Error) => done(e),
    );
  });
}

function deny(reply: FastifyReply, code: ErrorCode, message: string): void {
  void send(reply, code, message);
}

/** Lets a request through, or answers 401/403, once its session is known. */
function admit(
  request: FastifyRequest,
  reply: FastifyReply,
  access: Exclude<Access, "public">,
  id: string,
  session: LiveSession | undefined,
  done: () => void,
): void {
  if (!session) {
    deny(reply, "AUTH_REQUIRED", "sign in first");
    return;
  }
  request.user = session.user;
  request.sessionId = id;
  request.csrfToken = session.csrfToken;
  if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
    deny(reply, "CSRF", "missing or wrong x-csrf-token header for this session");
    return;
  }
  const url = request.routeOptions.url ?? "";
  // The rule is the accounts service's; only which routes stay open (the session's own) is the API's.
  const route = `${request.method} ${url}`;
  const pending =
    (OPEN_WHILE_PASSWORD_PENDING.has(route) ? undefined : passwordChangeRefusal(session.user)) ??
    (OPEN_WHILE_TOTP_PENDING.has(route) ? undefined : totpEnrolmentRefusal(session.user));
  if (pending) {
    deny(reply, pending.code, pending.message);
    return;
  }
  if (access !== "signed-in" && !session.user.roles.some((r) => access.includes(r))) {
    deny(
      reply,
      "FORBIDDEN",
      `${session.user.username} (${session.user.roles.join(", ")}) may not call ${request.method} ${url}: it needs ${access.join(" or ")}`,
    );
    return;
  }
  done();
}
