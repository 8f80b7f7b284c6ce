/**
 * `npm run bench`: what users of Tandem get, rerunnably.
 * 1. The real HTTP routes under concurrent logged-in users, on a database seeded at national
 *    scale (bench/routeBench.ts): p50, p99 and throughput of each route as ratios to a bare route
 *    measured in the same run, statements per request, query plans, server memory. Writes
 *    bench/results/routes-<date>-<database>.md.
 * 2. First paint of the login, portfolio and case pages in Chromium (bench/firstPaint.ts), as a
 *    ratio to a bare page served by the same server; needs `npm run build` first.
 * BENCH_ONLY=routes or BENCH_ONLY=paint runs one part.
 * Speed is proven here, rerunnably — never by a timed assertion in a test.
 */
import { benchFirstPaint } from "./firstPaint.js";
import { benchRoutes } from "./routeBench.js";

const only = process.env.BENCH_ONLY;
if (only && only !== "routes" && only !== "paint") throw new Error(`BENCH_ONLY=${only} : « routes » ou « paint ».`);
if (only !== "paint") await benchRoutes();
if (only !== "routes") await benchFirstPaint();
