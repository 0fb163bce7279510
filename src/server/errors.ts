/** Maps Cradle's error codes to HTTP statuses: one table, so every route answers the same way. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorCode, isCradleError } from "../errors.js";

const STATUS: Partial<Record<ErrorCode, number>> = {
  AUTH_FAILED: 401,
  FORBIDDEN: 403,
  PRODUCT_NOT_FOUND: 404,
  DIN_IN_USE: 409,
  PRODUCT_AMBIGUOUS: 409,
  STATUS_TRANSITION_ILLEGAL: 409,
  STORAGE_POSITION_OCCUPIED: 409,
  USER_EXISTS: 409,
  DIN_SEQUENCE_EXHAUSTED: 409,
  TEMPERATURE_EXCURSION: 409,
  PATIENT_NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  PATIENT_EXISTS: 409,
  PROTOCOL_NOT_ACTIVE: 409,
  BEDSIDE_BLOCKED: 409,
  CONSENT_REQUIRED: 409,
  REFERENCE_NOT_FOUND: 503,
  REFERENCE_CORRUPT: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 422;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isCradleError(error)) {
    void reply
      .status(statusOf(error.code))
      .send({ code: error.code, message: error.message, details: error.details } satisfies ErrorBody);
    return;
  }
  if (error.validation) {
    // Schema validation: name the field (instancePath "/weightGrams" or the missing property).
    const v = error.validation[0];
    const missing = (v?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const field = missing ?? v?.instancePath?.replace(/^\//, "").replace(/\//g, ".") ?? "";
    void reply.status(422).send({
      code: "INVALID_INPUT",
      message: `${error.validationContext ?? "request"}${field ? ` ${field}` : ""}: ${v?.message ?? error.message}`,
      details: { field },
    } satisfies ErrorBody);
    return;
  }
  if (error.statusCode === 429) {
    void reply.status(429).send({ code: "RATE_LIMITED", message: error.message });
    return;
  }
  if (error.statusCode && error.statusCode < 500) {
    void reply.status(error.statusCode).send({ code: "BAD_REQUEST", message: error.message });
    return;
  }
  request.log.error(error);
  void reply.status(500).send({ code: "INTERNAL", message: "internal error; see the server log" });
}
