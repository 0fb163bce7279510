/**
 * Authentication, roles and CSRF on every request. The session id travels in an HTTP-only, SameSite=Strict
 * cookie; every request that changes something must also carry the session's CSRF token in the
 * x-csrf-token header. Routes are denied unless their access allows: 401 without a session, 403 with the
 * wrong role, a missing token, or a password that must be changed first.
 */
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { sessionUser } from "../accounts/sessions.js";
import type { User } from "../accounts/users.js";
import type { Store } from "../store/connect.js";
import type { Access } from "./access.js";

export const SESSION_COOKIE = "cradle_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
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

export function registerAuth(app: FastifyInstance, store: Store, now: () => Date): void {
  // Deny by default: an /api route that says nothing about access stops the server from starting.
  const routes: RouteAccess[] = [];
  app.decorate("cradleRoutes", routes);
  app.addHook("onRoute", (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith("/api/") || url.startsWith("/api/docs")) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${route.method} ${url} declares no access`);
    for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url, access });
  });

  app.addHook("onRequest", async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === "public") return;
    const id = request.cookies[SESSION_COOKIE];
    const session = id ? await sessionUser(store, id, now()) : undefined;
    if (!session) {
      return reply.status(401).send({ code: "AUTH_REQUIRED", message: "sign in first" });
    }
    request.user = session.user;
    request.sessionId = id;
    request.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      return reply
        .status(403)
        .send({ code: "CSRF", message: "missing or wrong x-csrf-token header for this session" });
    }
    const url = request.routeOptions.url ?? "";
    if (session.user.mustChangePassword && !url.startsWith("/api/session")) {
      return reply.status(403).send({
        code: "PASSWORD_CHANGE_REQUIRED",
        message: "change your password first (POST /api/session/password)",
      });
    }
    if (access !== "signed-in" && !session.user.roles.some((r) => access.includes(r))) {
      return reply.status(403).send({
        code: "FORBIDDEN",
        message: `${session.user.username} (${session.user.roles.join(", ")}) may not call ${request.method} ${url}: it needs ${access.join(" or ")}`,
      });
    }
  });
}
