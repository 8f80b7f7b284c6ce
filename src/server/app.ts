import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { routeModules } from "./routes.js";
import { errors } from "./platform/errors.js";
import { type ApiRoute, installAuthHooks } from "./platform/http/authHooks.js";
import { requestLogSerializer } from "./platform/http/redactUrl.js";
import { frameworkErrors, installErrorHandling } from "./platform/http/errorHandler.js";
import { SnapshotRateLimitStore } from "./platform/http/rateLimitStore.js";
import { installInputGuards } from "./platform/http/inputGuards.js";
import { registerWebAssets } from "./platform/http/staticAssets.js";
import type { Deps, TypedApp } from "./platform/http/types.js";

import "../shared/zodFrench.js";

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export async function buildApp(
  deps: Deps,
  // webRoot: the built web app to serve (dist/web by default; a test gives its own).
  // apiRequestsPerMinute: the per-user (or per-IP) API limit, 600 by default; the bench lifts it
  // (its 50 users send thousands of requests a minute on purpose).
  opts: { logger?: boolean | object; logStream?: { write(line: string): void }; webRoot?: string; apiRequestsPerMinute?: number } = {},
): Promise<FastifyInstance> {
  const webRoot = opts.webRoot ?? webDist;
  const app = Fastify({
    logger: opts.logger ?? {
      level: deps.config.logLevel,
      redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      // The calendar feed's URL carries its secret: logged as /api/calendar/***.ics.
      serializers: { req: requestLogSerializer },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    frameworkErrors,
  }).withTypeProvider() as unknown as TypedApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const spaIndexHtml = fs.existsSync(path.join(webRoot, "index.html")) ? fs.readFileSync(path.join(webRoot, "index.html"), "utf8") : undefined;
  installErrorHandling(app, { spaIndexHtml });
  installInputGuards(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    // HSTS only means something behind HTTPS.
    hsts: deps.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: opts.apiRequestsPerMinute ?? 600,
    timeWindow: "1 minute",
    // Only the API is limited (not the app's files), and per signed-in user when there is one (a
    // whole agency often reaches the internet through one address), else per IP. The user comes
    // from the session found by the auth hook, which runs first: a made-up session cookie does
    // not make a new key.
    allowList: (request) => !request.url.startsWith("/api/"),
    keyGenerator: (request) => (request.ctx?.user ? `user:${request.ctx.user.id}` : `ip:${request.ip}`),
    store: SnapshotRateLimitStore,
    errorResponseBuilder: () => {
      const e = errors.tooManyRequests();
      return { statusCode: 429, error: { code: e.code, message: e.message } };
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Tandem API", description: "API de Tandem", version: "0.1.0" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "tandem_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    // Swagger UI sets inline styles: its pages (and only them) allow them.
    staticCSP: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  });

  const apiRoutes: ApiRoute[] = [];
  installAuthHooks(app, deps, apiRoutes);
  app.decorate("apiRoutes", apiRoutes);

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  for (const register of routeModules) register(app, deps);

  if (spaIndexHtml) await registerWebAssets(app, webRoot);
  return app;
}
