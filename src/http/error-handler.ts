// Turns every failure into `{ error: { code, message, details, requestId } }` with the status
// from the one error table (src/shared/errors.ts).
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ZodError } from "zod";
import { AppError, type ErrorCode, errorStatus, isConcurrencyFailure } from "../shared/errors.ts";

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return reply
    .status(errorStatus[code])
    .send({ error: { code, message, details: details ?? null, requestId: request.id } });
}

function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join("."),
    message: issue.message,
    code: issue.code,
  }));
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "INVALID_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "INVALID_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
};

// PostgreSQL refuses text it cannot hold: 22021 (a NUL byte, "invalid byte sequence for
// encoding UTF8: 0x00") and 22P05 (untranslatable character). Such text comes from the request,
// so it is the client's error, not the server's; the statement's transaction was rolled back.
function isUnstorableText(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "22021" || code === "22P05";
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, request, error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split("/").filter(Boolean)].join("."),
      message: v.message ?? "is invalid",
    }));
    const first = details[0];
    return send(
      reply,
      request,
      "VALIDATION_FAILED",
      first ? `${first.field}: ${first.message}` : "Invalid request.",
      details,
    );
  }
  if (error instanceof ZodError) {
    const details = zodDetails(error);
    const first = details[0];
    return send(
      reply,
      request,
      "VALIDATION_FAILED",
      first ? `${first.field}: ${first.message}` : "Invalid input.",
      details,
    );
  }
  if (isUnstorableText(error)) {
    return send(
      reply,
      request,
      "VALIDATION_FAILED",
      "The request contains a character that cannot be stored or searched (such as the NUL character \\u0000).",
    );
  }
  if (isConcurrencyFailure(error)) {
    return send(
      reply,
      request,
      "CONCURRENT_CHANGE",
      "Another change to the same data ran at the same time; nothing of this request was written. Try again.",
    );
  }
  const fastifyCode =
    "code" in error && typeof error.code === "string" ? fastifyCodes[error.code] : undefined;
  if (fastifyCode) return send(reply, request, fastifyCode, error.message);
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500) return send(reply, request, "VALIDATION_FAILED", error.message);
  request.log.error({ err: error }, "unhandled error");
  return send(reply, request, "INTERNAL", `Internal error; quote request id ${request.id}.`);
}
