import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { errors } from "../errors.js";

/** A file whose name carries its content's hash never changes: the browser keeps it a year and never asks again. */
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
/** The DSFR's files keep their names from one version to the next: kept a day, then checked again (304 when unchanged). */
export const CACHE_DSFR = "public, max-age=86400";
/** index.html and anything else: checked on each load, so a new version of Tandem is seen at once. */
export const CACHE_REVALIDATE = "no-cache";

/** Vite names the files it builds `assets/<name>-<hash>.<ext>`. */
const HASHED_ASSET = /^assets\/[^/]+-[\w-]{8,}\.\w+$/;

/** The Cache-Control of a file of the web app, by its path inside the build folder. */
export function cacheControlFor(relativePath: string): string {
  const file = relativePath.split(path.sep).join("/");
  if (HASHED_ASSET.test(file)) return CACHE_IMMUTABLE;
  if (file.startsWith("dsfr/")) return CACHE_DSFR;
  return CACHE_REVALIDATE;
}

/**
 * Serves the built web app (dist/web): each file with its cache rule, and the brotli or gzip copy
 * written at build time (vite.config.ts) when the browser accepts it — nothing is compressed on a
 * request (ADR 0012). The API's responses are not compressed.
 */
export async function registerWebAssets(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    // The compressed copies are not files of their own: they are reached through their original's URL.
    globIgnore: ["**/*.br", "**/*.gz"],
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header("cache-control", cacheControlFor(path.relative(root, filePath).replace(/\.(br|gz)$/, "")));
    },
  });
  // An asset that is not (or no longer) there — a tab opened before an update asking for an old
  // page's chunk — is a 404, not the app's index.html, which the browser would refuse as a script.
  app.get("/assets/*", { schema: { hide: true } }, async () => {
    throw errors.routeNotFound();
  });
}
