/**
 * First paint of the login, portfolio and case pages in Chromium (`npm run bench`, or alone:
 * `BENCH_ONLY=paint npm run bench`). Needs the web app built (`npm run build`): it measures what
 * dist/web holds.
 *
 * The real server (buildApp) is started in this process on a fresh demo database (embedded in a
 * temp folder, or a new database on the DATABASE_URL server), on a free port; the machine's
 * Chromium (CHROMIUM_PATH, else /usr/bin/chromium) loads each page:
 * - cold: in a new browser context (empty cache), as on the first visit of the day;
 * - warm: the same page again in that context (cache filled), as on every following visit;
 * on two networks: this machine's loopback, and an emulated agency line (40 ms, 10 Mbit/s down),
 * where the bytes sent count. Timings on a shared machine move from run to run, so each is also
 * given as a ratio to a reference measured in the same run and the same conditions: the first
 * paint of a bare HTML page served by the same server.
 * Reported per page (medians over BENCH_PAINT_RUNS runs, 7 by default): first contentful paint,
 * "page ready" (its content is shown: heading, or the portfolio's rows), bytes received and
 * requests that went to the network. Written to bench/results/first-paint-<date>.{md,json};
 * BENCH_LABEL names the run (e.g. "avant", "après").
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { buildApp } from "../src/server/app.js";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from "../src/server/demo/demoOrganisations.js";
import { loadDemo } from "../src/server/demo/loadDemo.js";
import { loadConfig } from "../src/server/platform/config.js";
import { createMailer } from "../src/server/platform/mail.js";
import { migrate } from "../src/server/platform/migrate.js";
import { openBenchDatabase } from "./database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const builtWeb = path.join(root, "dist/web");
const runs = Number(process.env.BENCH_PAINT_RUNS ?? 7);
/** The advisor whose portfolio and first case are opened (a demo account with cases). */
const account = process.env.BENCH_ACCOUNT ?? "conseiller.basrhin";
const REFERENCE_PATH = "/bench/reference.html";
const REFERENCE_HTML =
  '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Référence</title></head><body><main><h1>Page de référence</h1></main></body></html>';

type Network = { name: string; conditions?: { latency: number; downloadThroughput: number; uploadThroughput: number } };
const networks: Network[] = [
  { name: "boucle locale" },
  // Bytes per second, as the DevTools protocol wants them.
  { name: "ligne d'agence (40 ms, 10 Mbit/s)", conditions: { latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8) } },
];

type Target = { name: string; path: string; ready: string; signedIn: boolean };
type Sample = { fcp: number; ready: number; bytes: number; requests: number };
type Row = { network: string; cache: "froid" | "chaud"; page: string; fcp: number; ready: number; bytes: number; requests: number; fcpRatio: number; readyRatio: number };

export async function benchFirstPaint(): Promise<void> {
  if (!fs.existsSync(path.join(builtWeb, "index.html"))) throw new Error("dist/web/index.html absent : lancez d'abord `npm run build`.");
  // Measured on a copy: a `npm run build` during the bench would otherwise swap the files under it.
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-web-"));
  fs.cpSync(builtWeb, webDist, { recursive: true });
  const bundle = bundleSizes(webDist);
  const { db, cleanup } = await openBenchDatabase("_paint");
  let browser: Browser | undefined;
  try {
    await migrate(db);
    await loadDemo(db);
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn" });
    const app = await buildApp({ db, config, mailer: createMailer(db, { from: config.mailFrom }) }, { logger: false, webRoot: webDist });
    app.get(REFERENCE_PATH, { schema: { hide: true } }, async (_request, reply) => reply.type("text/html; charset=utf-8").send(REFERENCE_HTML));
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    const { storageState, caseId } = await signIn(browser, base);
    const targets: Target[] = [
      { name: "référence (page HTML nue)", path: REFERENCE_PATH, ready: "main h1", signedIn: false },
      { name: "connexion", path: "/connexion", ready: "main h1", signedIn: false },
      { name: "portefeuille", path: "/accompagnements", ready: "main table tbody tr", signedIn: true },
      { name: "accompagnement", path: `/accompagnements/${caseId}`, ready: "main h1", signedIn: true },
    ];

    const samples = new Map<string, Sample[]>();
    const add = (key: string, s: Sample) => samples.set(key, [...(samples.get(key) ?? []), s]);
    console.log(`\nPremier affichage dans Chromium : ${runs} passages, ${targets.length} pages, ${networks.length} réseaux…`);
    for (const network of networks) {
      // Pages interleaved within each run, so that a slow moment of the machine weighs on all of them.
      for (let run = 0; run < runs; run++) {
        for (const target of targets) {
          const context = await browser.newContext(target.signedIn ? { storageState } : {});
          try {
            const page = await context.newPage();
            if (network.conditions) {
              const cdp = await context.newCDPSession(page);
              await cdp.send("Network.enable");
              await cdp.send("Network.emulateNetworkConditions", { offline: false, ...network.conditions });
            }
            add(`${network.name}|froid|${target.name}`, await measure(page, base + target.path, target.ready));
            // A new navigation (not a reload, which would revalidate everything) with the cache filled.
            await page.goto("about:blank");
            add(`${network.name}|chaud|${target.name}`, await measure(page, base + target.path, target.ready));
          } finally {
            await context.close();
          }
        }
      }
    }
    await app.close();

    const rows: Row[] = [];
    for (const network of networks) {
      for (const cache of ["froid", "chaud"] as const) {
        const reference = summarise(samples.get(`${network.name}|${cache}|${targets[0].name}`) ?? []);
        for (const target of targets) {
          const s = summarise(samples.get(`${network.name}|${cache}|${target.name}`) ?? []);
          rows.push({ network: network.name, cache, page: target.name, ...s, fcpRatio: s.fcp / reference.fcp, readyRatio: s.ready / reference.fcp });
        }
      }
    }
    report(rows, bundle);
  } finally {
    await browser?.close();
    await cleanup();
    fs.rmSync(webDist, { recursive: true, force: true });
  }
}

/** Logs the advisor in once (the contexts reuse the session cookie) and finds the first case of their portfolio. */
async function signIn(browser: Browser, base: string): Promise<{ storageState: Awaited<ReturnType<BrowserContext["storageState"]>>; caseId: string }> {
  const context = await browser.newContext({ baseURL: base });
  try {
    await context.request.get("/api/session");
    const csrf = (await context.cookies()).find((c) => c.name === "tandem_csrf")?.value ?? "";
    const login = await context.request.post("/api/auth/login", {
      headers: { "x-csrf-token": csrf },
      data: { email: `${account}@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`Connexion de ${account} impossible : ${login.status()} ${await login.text()}`);
    const portfolio = (await (await context.request.get("/api/support/portfolio")).json()) as { items?: { id: string }[] };
    const caseId = portfolio.items?.[0]?.id;
    if (!caseId) throw new Error(`Le portefeuille de ${account} est vide : choisissez un autre compte (BENCH_ACCOUNT).`);
    return { storageState: await context.storageState(), caseId };
  } finally {
    await context.close();
  }
}

/** One page load: first contentful paint and "ready" (ms after navigation start), bytes and requests that went to the network. */
async function measure(page: Page, url: string, readySelector: string): Promise<Sample> {
  await page.goto(url, { waitUntil: "commit" });
  const ready = await page
    .waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : 0), readySelector, { polling: "raf", timeout: 60_000 })
    .then((h) => h.jsonValue())
    .catch(async (e: Error) => {
      const shown = await page.locator("main").textContent().catch(() => "");
      throw new Error(`${url} : « ${readySelector} » jamais affiché (${e.message}) ; la page montre : ${shown?.slice(0, 300)}`);
    });
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === "first-contentful-paint");
          if (entry) resolve(entry.startTime);
        }).observe({ type: "paint", buffered: true });
      }),
  );
  const network = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")] as PerformanceResourceTiming[];
    const fetched = entries.filter((e) => e.transferSize > 0);
    return { bytes: fetched.reduce((sum, e) => sum + e.transferSize, 0), requests: fetched.length };
  });
  return { fcp, ready, ...network };
}

function summarise(samples: Sample[]): Sample {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    fcp: median(samples.map((s) => s.fcp)),
    ready: median(samples.map((s) => s.ready)),
    bytes: median(samples.map((s) => s.bytes)),
    requests: median(samples.map((s) => s.requests)),
  };
}

type Sizes = { raw: number; gzip: number; brotli: number };
type BundleSizes = { initialJs: Sizes & { files: string[] }; allJs: Sizes & { files: number }; css: Sizes & { files: string[] } };

/** What index.html makes the browser load before the first paint (its scripts, module preloads and style sheets), and all the JS built. */
function bundleSizes(webDist: string): BundleSizes {
  const html = fs.readFileSync(path.join(webDist, "index.html"), "utf8");
  const attr = (tag: RegExp, name: string) =>
    [...html.matchAll(tag)].map((m) => new RegExp(`${name}="([^"]+)"`).exec(m[0])?.[1]).filter((v): v is string => !!v).map((v) => v.split("?")[0]);
  const initialJs = [...attr(/<script[^>]*type="module"[^>]*>/g, "src"), ...attr(/<link[^>]*rel="modulepreload"[^>]*>/g, "href")];
  const css = attr(/<link[^>]*rel="stylesheet"[^>]*>/g, "href");
  const sizes = (files: string[]): Sizes =>
    files
      .map((f) => fs.readFileSync(path.join(webDist, f)))
      .reduce(
        (sum, b) => ({
          raw: sum.raw + b.length,
          gzip: sum.gzip + zlib.gzipSync(b, { level: 9 }).length,
          brotli: sum.brotli + zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        }),
        { raw: 0, gzip: 0, brotli: 0 },
      );
  const allJs = fs.readdirSync(path.join(webDist, "assets")).filter((f) => f.endsWith(".js")).map((f) => `/assets/${f}`);
  return {
    initialJs: { files: initialJs, ...sizes(initialJs) },
    allJs: { files: allJs.length, ...sizes(allJs) },
    css: { files: css, ...sizes(css) },
  };
}

function report(rows: Row[], bundle: BundleSizes) {
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const ms = (n: number) => n.toFixed(0);
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  const commit = `${git("git rev-parse --short HEAD")}${git("git status --porcelain") ? " (avec modifications locales)" : ""}`;
  const label = process.env.BENCH_LABEL ?? "";
  const at = new Date();
  const lines = [
    `# Premier affichage${label ? ` — ${label}` : ""}`,
    "",
    `${at.toISOString()}, commit ${commit}, Chromium ${git(`${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"} --version`)}, ${runs} passages (médianes).`,
    "",
    "## Ce que index.html fait charger (à toute page)",
    "",
    "| | fichiers | brut | gzip | brotli |",
    "|---|---|---|---|---|",
    `| JS initial (entrée + imports statiques) | ${bundle.initialJs.files.length} | ${kB(bundle.initialJs.raw)} | ${kB(bundle.initialJs.gzip)} | ${kB(bundle.initialJs.brotli)} |`,
    `| CSS (feuilles de index.html) | ${bundle.css.files.length} | ${kB(bundle.css.raw)} | ${kB(bundle.css.gzip)} | ${kB(bundle.css.brotli)} |`,
    `| tout le JS construit | ${bundle.allJs.files} | ${kB(bundle.allJs.raw)} | ${kB(bundle.allJs.gzip)} | ${kB(bundle.allJs.brotli)} |`,
    "",
    "## Premier affichage (FCP) et page prête, en ms après le début de la navigation",
    "",
    "Rapport = temps de la page / FCP de la page de référence (HTML nu servi par le même serveur), mêmes réseau et cache, même passage.",
    "",
    "| réseau | cache | page | FCP | rapport FCP | page prête | rapport page prête | octets reçus | requêtes réseau |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.network} | ${r.cache} | ${r.page} | ${ms(r.fcp)} | ${r.fcpRatio.toFixed(2)} | ${ms(r.ready)} | ${r.readyRatio.toFixed(2)} | ${kB(r.bytes)} | ${r.requests} |`,
    ),
    "",
  ];
  const text = lines.join("\n");
  console.log(`\n${text}`);
  const dir = path.join(root, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = at.toISOString().slice(0, 16).replace(/:/g, "");
  const name = `first-paint-${stamp}${label ? `-${label.normalize("NFD").replace(/[^\w-]+/g, "")}` : ""}`;
  fs.writeFileSync(path.join(dir, `${name}.md`), text);
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ at: at.toISOString(), commit, label, runs, bundle, rows }, null, 2)}\n`);
  console.log(`Écrit dans bench/results/${name}.md et .json`);
}

// Run alone: `npx tsx bench/firstPaint.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchFirstPaint();
