/**
 * Every error answer comes from here, with the status the error catalogue (src/errors.ts) gives its code:
 * Cradle's own errors, refused input (422 naming field, value and reason), Fastify's own refusals (body too
 * large, wrong media type, bad JSON) and anything unexpected (500 with the request id, logged, no internals).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorBody, type ErrorCode, httpStatusOf, isCradleError } from "../errors.js";

export type { ErrorBody };

export function statusOf(code: ErrorCode): number {
  return httpStatusOf(code);
}

export function send(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  return reply
    .status(httpStatusOf(code))
    .send({ code, message, ...(details ? { details } : {}) } satisfies ErrorBody);
}

/** Fastify's own client-error codes, in the catalogue's words. */
const FASTIFY: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "INVALID_INPUT",
  FST_ERR_CTP_EMPTY_JSON_BODY: "INVALID_INPUT",
  FST_ERR_CTP_INVALID_JSON_BODY: "INVALID_INPUT",
  FST_ERR_BAD_URL: "INVALID_INPUT",
  FST_ERR_MAX_PARAM_LENGTH: "INVALID_INPUT",
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isCradleError(error)) {
    const retryAfter = error.details?.retryAfter;
    if (error.code === "RATE_LIMITED" && typeof retryAfter === "number")
      void reply.header("retry-after", String(retryAfter));
    void send(reply, error.code, error.message, { ...error.details });
    return;
  }
  if (error.statusCode === 429) {
    void send(reply, "RATE_LIMITED", error.message);
    return;
  }
  const known = error.code ? FASTIFY[error.code] : undefined;
  if (known) {
    void send(reply, known, error.message);
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // A client error Fastify raised that the catalogue has no word for: still the client's, never a 500.
    request.log.warn({ err: error }, "client error without a catalogue code");
    void send(reply, "INVALID_INPUT", `request: ${error.message}`);
    return;
  }
  request.log.error({ err: error, requestId: request.id }, "internal error");
  void reply.status(500).send({
    code: "INTERNAL",
    message: `internal error; the server's log has it under request ${request.id}`,
    requestId: String(request.id),
  } satisfies ErrorBody);
}
