/**
 * Who may read the API's description (/api/docs, its JSON and UI files) and the web app's source maps
 * (`*.map`), by the setting CRADLE_API_DOCS: "signed-in" (the default: any signed-in user, a stranger gets
 * 401), "off" (404 for everyone), or "public". Both describe the code's inner workings to an attacker;
 * neither holds data, so any signed-in user may read them.
 */
import type { FastifyInstance } from "fastify";
import { sessionUser } from "../accounts/sessions.js";
import type { ApiDocs } from "../config/index.js";
import type { Store } from "../store/connect.js";
import { SESSION_COOKIE } from "./auth.js";
import { send } from "./errors.js";

/** Whether a request's path is the API's description or a source map. */
export function isDocs(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return (
    path === "/api/docs" ||
    path.startsWith("/api/docs/") ||
    (!path.startsWith("/api/") && path.endsWith(".map"))
  );
}

export function registerDocsAccess(app: FastifyInstance, store: Store, now: () => Date, docs: ApiDocs): void {
  if (docs === "public") return;
  app.addHook("onRequest", async (request, reply) => {
    if (!isDocs(request.url)) return;
    if (docs === "off")
      return send(reply, "NOT_FOUND", "the API description and source maps are not served here");
    const cookies = request.headers.cookie;
    const id = cookies ? app.parseCookie(cookies)[SESSION_COOKIE] : undefined;
    if (!id || !(await sessionUser(store, id, now())))
      return send(reply, "AUTH_REQUIRED", "sign in first to read the API description");
  });
}
