/**
 * The answers of a server that listens before its data is ready (a first start may take minutes): `/` and
 * every page a short HTML page saying what it is doing and how far, refreshing itself every 2 s;
 * `/api/health` the start's state as JSON (503 until ready); every other API call 503 STARTING with
 * Retry-After. Once the app is built, requests go to it instead (serve.ts swaps the handler).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorBody } from "../errors.js";
import { type StartProgress, type StartState, describeStep } from "./start-progress.js";

export const RETRY_AFTER_SECONDS = 5;

const html = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export function preparingPage(s: StartState): string {
  const percent = s.steps > 0 ? Math.floor((100 * s.stepsDone) / s.steps) : 0;
  const title = s.state === "failed" ? "Cradle could not start" : "Cradle is preparing its data";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
${s.state === "failed" ? "" : '<meta http-equiv="refresh" content="2">'}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}progress{width:100%}</style>
</head><body>
<h1>${title}</h1>
<p>Step ${Math.min(s.stepsDone + 1, s.steps)} of ${s.steps}: <strong>${html(describeStep(s))}</strong></p>
<progress max="100" value="${percent}">${percent} %</progress>
${s.problem ? `<p role="alert">${html(s.problem)}</p>` : "<p>This page refreshes itself; the app opens when the data is ready.</p>"}
<p><small>Started ${html(s.startedAt)}</small></p>
</body></html>
`;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function preparingHandler(progress: StartProgress) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const s = progress.state;
    if (path === "/api/health") {
      json(
        res,
        503,
        { status: s.state === "failed" ? "failed" : "starting", start: s },
        {
          "retry-after": String(RETRY_AFTER_SECONDS),
        },
      );
      return;
    }
    if (path.startsWith("/api/")) {
      const body: ErrorBody = {
        code: "STARTING",
        message: `the server is preparing its data (${describeStep(s)}): try again in ${RETRY_AFTER_SECONDS} s`,
        details: { start: s },
      };
      json(res, 503, body, { "retry-after": String(RETRY_AFTER_SECONDS) });
      return;
    }
    res.writeHead(503, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
    res.end(preparingPage(s));
  };
}
