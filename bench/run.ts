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
 * 4. A quarter's indicators for a département at 100 000 cases and 1 000 000 events (bench/indicatorBench.ts,
 *    server database only) as a ratio to hand-written SQL, their plans, the dashboard route's time.
 *    Writes bench/results/indicators-<date>-postgresql.md.
 * BENCH_ONLY=routes, BENCH_ONLY=paint, BENCH_ONLY=lists or BENCH_ONLY=indicators runs one part.
 * Speed is proven here, rerunnably — never by a timed assertion in a test.
 */
import { benchFirstPaint } from "./firstPaint.js";
import { benchIndicators } from "./indicatorBench.js";
import { benchListImport } from "./listBench.js";
import { benchRoutes } from "./routeBench.js";

const only = process.env.BENCH_ONLY;
if (only && only !== "routes" && only !== "paint" && only !== "lists" && only !== "indicators") throw new Error(`BENCH_ONLY=${only} : « routes », « paint », « lists » ou « indicators ».`);
if (!only || only === "routes") await benchRoutes();
if (!only || only === "paint") await benchFirstPaint();
if (!only || only === "lists") await benchListImport();
if ((!only && process.env.DATABASE_URL) || only === "indicators") await benchIndicators();
