import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { loadConfig } from "./config.js";
import type { Db } from "./db.js";
import { createMailer } from "./mail.js";

const IMMUTABLE = "public, max-age=31536000, immutable";
const ALL_ENCODINGS = "gzip, deflate, br, zstd"; // what Chromium sends

let db: Db;
const apps: FastifyInstance[] = [];
async function appServing(webRoot?: string): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: "test" });
  const app = await buildApp({ db, config, mailer: createMailer(db, { from: config.mailFrom }) }, { logger: false, ...(webRoot ? { webRoot } : {}) });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await db.close();
});

describe("the web app's files: compressed, cached by what their name says", () => {
  // A build of our own, so that what is checked does not depend on the last `npm run build`.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-web-"));
  const entry = `console.log(${JSON.stringify("Tandem ".repeat(400))});\n`;
  const dsfrCss = `.fr-btn{color:#000091}\n`.repeat(200);
  const indexHtml = '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-AbCdEf12.js"></script></head><body><div id="root"></div></body></html>';
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };
  write("index.html", indexHtml);
  write("assets/index-AbCdEf12.js", entry);
  write("assets/index-AbCdEf12.js.br", zlib.brotliCompressSync(entry));
  write("assets/index-AbCdEf12.js.gz", zlib.gzipSync(entry));
  write("assets/tiny-Zy_9-x8Q.js", "export const a = 1;\n"); // too small to be worth a compressed copy
  write("dsfr/dsfr.min.css", dsfrCss);
  write("dsfr/dsfr.min.css.br", zlib.brotliCompressSync(dsfrCss));
  write("dsfr/dsfr.min.css.gz", zlib.gzipSync(dsfrCss));
  write("robots.txt", "User-agent: *\n");
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appServing(root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("sends a hashed script in brotli to a browser that accepts it, cached for a year without asking again", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/index-AbCdEf12.js", headers: { "accept-encoding": ALL_ENCODINGS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(entry);
  });

  it("sends it in gzip to a browser that only accepts gzip, and as is to one that accepts nothing", async () => {
    const gz = await app.inject({ method: "GET", url: "/assets/index-AbCdEf12.js", headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(entry);
    expect(gz.headers["cache-control"]).toBe(IMMUTABLE);

    const plain = await app.inject({ method: "GET", url: "/assets/index-AbCdEf12.js", headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(entry);
    expect(plain.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("sends a hashed file without a compressed copy as is, still immutable", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/tiny-Zy_9-x8Q.js", headers: { "accept-encoding": ALL_ENCODINGS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body).toBe("export const a = 1;\n");
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("compresses the DSFR style sheet and keeps it a day (its name does not change with its content)", async () => {
    const res = await app.inject({ method: "GET", url: "/dsfr/dsfr.min.css?v=1.14.2", headers: { "accept-encoding": ALL_ENCODINGS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/css/);
    expect(res.headers["cache-control"]).toBe("public, max-age=86400");
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(dsfrCss);
  });

  it("has the browser check index.html on every load (the app's pages and /index.html), so an update is seen at once", async () => {
    for (const url of ["/", "/accompagnements", "/accompagnements/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "/index.html"]) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": ALL_ENCODINGS } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(indexHtml);
    }
    const other = await app.inject({ method: "GET", url: "/robots.txt" });
    expect(other.headers["cache-control"]).toBe("no-cache");
  });

  it("answers 404 for a missing asset (a tab opened before an update asking for an old chunk), not the app's page", async () => {
    for (const url of ["/assets/index-OldHash1.js", "/assets/index-AbCdEf12.js.br"]) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": ALL_ENCODINGS } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: { code: "ROUTE_NOT_FOUND", message: "Cette adresse n’existe pas." } });
    }
  });

  it("does not compress or cache the API's answers", async () => {
    const res = await app.inject({ method: "GET", url: "/api/session", headers: { "accept-encoding": ALL_ENCODINGS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["cache-control"] ?? "").not.toMatch(/max-age=[1-9]|immutable/);
  });
});

describe("the built web app (dist/web, made by `npm run build`)", () => {
  const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../dist/web");
  type Chunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; css?: string[] };
  const readManifest = (): Record<string, Chunk> => {
    const file = path.join(dist, ".vite/manifest.json");
    if (!fs.existsSync(file)) throw new Error("dist/web/.vite/manifest.json absent : lancez `npm run build` avant ce test.");
    return JSON.parse(fs.readFileSync(file, "utf8"));
  };
  /** The chunks the first page load fetches before anything runs: the entry and, recursively, its static imports. */
  const initialChunks = (manifest: Record<string, Chunk>): string[] => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const imported of manifest[key].imports ?? []) visit(imported);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
    return [...seen];
  };

  it("loads at most 150 kB of gzipped JavaScript before the first page shows", () => {
    const manifest = readManifest();
    const initial = initialChunks(manifest);
    expect(initial.length).toBeGreaterThan(0);
    const gzipped = initial.reduce((sum, key) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, manifest[key].file)), { level: 9 }).length, 0);
    expect(gzipped, `JS initial : ${initial.map((k) => manifest[k].file).join(", ")}`).toBeLessThan(150_000);
  });

  it("puts each page in its own chunk, fetched when the page is opened", () => {
    const manifest = readManifest();
    const initial = new Set(initialChunks(manifest));
    for (const page of ["src/web/pages/identity/LoginPage.tsx", "src/web/pages/support/PortfolioPage.tsx", "src/web/pages/support/CasePage.tsx", "src/web/pages/conventions/ConventionDetailPage.tsx"]) {
      expect(manifest[page]?.isDynamicEntry, page).toBe(true);
      expect(initial.has(page), page).toBe(false);
    }
  });

  it("ships a brotli and a gzip copy of each script and style sheet, which the server sends with an immutable cache", async () => {
    const manifest = readManifest();
    const files = [...new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]))].filter((f) => fs.statSync(path.join(dist, f)).size >= 1024);
    for (const file of files) {
      expect(fs.existsSync(path.join(dist, `${file}.br`)), `${file}.br`).toBe(true);
      expect(fs.existsSync(path.join(dist, `${file}.gz`)), `${file}.gz`).toBe(true);
    }
    const app = await appServing();
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    const res = await app.inject({ method: "GET", url: `/${entry.file}`, headers: { "accept-encoding": ALL_ENCODINGS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(fs.readFileSync(path.join(dist, entry.file)))).toBe(true);
  });
});
