/**
 * Security headers on every response. The web app's pages and files get helmet's set; API answers get the
 * set OWASP's REST Security Cheat Sheet gives for JSON, with `no-store` so that no browser or proxy keeps a
 * copy of patient data. @fastify/helmet built a new helmet middleware and re-parsed the CSP directives for
 * every request (a quarter of the CPU of a cached inventory page, bench/api 2026-12-01); the headers never
 * change, so helmet runs once here and each response gets the result.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** The headers helmet sets for these options, read off a stand-in response. */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (e?: unknown) => {
    failure = e;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

/** For the web app's HTML, scripts and styles. */
export const PAGE_HEADERS = helmetHeaders({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
    },
  },
});

/** For JSON, SVG and PDF answers of the API: nothing runs, nothing frames them, nothing keeps them. */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "strict-transport-security": PAGE_HEADERS["strict-transport-security"] as string,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
});

/** Adds the headers to every response; a route may still set its own (the API docs set their CSP). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    const api = request.url.startsWith("/api/") && !request.url.startsWith("/api/docs");
    reply.headers(api ? API_HEADERS : PAGE_HEADERS);
    done();
  });
}
