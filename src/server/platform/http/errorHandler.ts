import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { fromDatabaseError } from "../databaseErrors.js";
import { AppError, errors } from "../errors.js";

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const body = (e: AppError): ErrorBody => ({
  error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
});

/** Turns anything thrown into a JSON error with a stable code and a French message; never a stack trace. */
export function installErrorHandling(app: FastifyInstance, opts: { spaIndexHtml?: string } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, "erreur interne");
    else request.log.info({ code: appError.code }, "requête refusée");
    // Any refusal that knows when to try again says so in the standard header (login throttling…).
    const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === "number" && retryAfter > 0) reply.header("retry-after", String(Math.ceil(retryAfter)));
    reply.status(appError.status).send(body(appError));
  });
  app.setNotFoundHandler((request, reply) => {
    // Single-page app: a non-API GET that matched no file gets index.html and the client router decides.
    if (opts.spaIndexHtml && request.method === "GET" && !request.url.startsWith("/api/")) {
      // no-cache: checked on each load, so the scripts of a new version are picked up at once (ADR 0012).
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(opts.spaIndexHtml);
    }
    return reply.status(404).send(body(errors.routeNotFound()));
  });
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL such as
 * `/api/%`) never reach the error handler; they get our shape here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = error.code === "FST_ERR_BAD_URL" ? errors.malformedUrl() : toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, "erreur interne");
  else request.log.info({ code: appError.code }, "requête refusée");
  reply.status(appError.status).send(body(appError));
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const fromDatabase = fromDatabaseError(error);
  if (fromDatabase) return fromDatabase;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return errors.validation(
      error.validation.map((v) => ({
        path: [error.validationContext, ...(v.instancePath ? v.instancePath.split("/").filter(Boolean) : [])].join("."),
        message: v.message ?? "Valeur invalide",
      })),
    );
  }
  if (isResponseSerializationError(error)) return errors.internal();
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return errors.malformedJson();
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return errors.payloadTooLarge();
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return errors.unsupportedMediaType();
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return errors.malformedJson();
  if (error.statusCode === 429) return errors.tooManyRequests();
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, "BAD_REQUEST", "La requête est invalide.");
  }
  return errors.internal();
}
