/**
 * `npm run bench`: what users of Tandem get, rerunnably.
 * 1. The real HTTP routes under concurrent logged-in users, on a database seeded at national
 *    scale (bench/routeBench.ts): p50, p99 and throughput of each route as ratios to a bare route
 *    measured in the same run, statements per request, query plans, server memory. Writes
 *    bench/results/routes-<date>-<database>.md.
 * 2. First paint of the login, portfolio and case pages in Chromium (bench/firstPaint.ts), as a
 *    ratio to a bare page served by the same server; needs `npm run build` first.
 * 3. A France Travail list of 1 000 000 rows imported (bench/listBench.ts) as a ratio to `COPY` of
 *    the same rows, its memory, and its purge in batches with a concurrent query's worst latency.
 *    Writes bench/results/lists-<date>-<database>.md. BENCH_LIST_ROWS sets the size.
 * BENCH_ONLY=routes, BENCH_ONLY=paint or BENCH_ONLY=lists runs one part.
 * Speed is proven here, rerunnably — never by a timed assertion in a test.
 */
import { benchFirstPaint } from "./firstPaint.js";
import { benchListImport } from "./listBench.js";
import { benchRoutes } from "./routeBench.js";

const only = process.env.BENCH_ONLY;
if (only && only !== "routes" && only !== "paint" && only !== "lists") throw new Error(`BENCH_ONLY=${only} : « routes », « paint » ou « lists ».`);
if (!only || only === "routes") await benchRoutes();
if (!only || only === "paint") await benchFirstPaint();
if (!only || only === "lists") await benchListImport();
