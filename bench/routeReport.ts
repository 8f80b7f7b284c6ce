import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Measure, RoundResult, RouteSpec } from "./routeBench.js";
import type { RouteProfile, ServerReady } from "./routeServer.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Plan lines shown per statement in the report. */
const PLAN_LINES = 8;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} Mo`;
const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ×` : "—");
const fr = (n: number) => (Number.isFinite(n) ? n.toLocaleString("fr-FR") : "—");

/** The figures of one route: medians over the rounds of each ratio to the bare route of the same round. */
export function summariseRounds(rounds: RoundResult[]) {
  const of = (pick: (m: Measure) => number) => ({
    route: median(rounds.map((r) => pick(r.route))),
    bare: median(rounds.map((r) => pick(r.bare))),
    ratio: median(rounds.map((r) => pick(r.route) / pick(r.bare))),
  });
  return {
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    rps: of((m) => m.rps),
    max: Math.max(...rounds.map((r) => r.route.max)),
    probeP99: median(rounds.flatMap((r) => (r.route.probe ? [r.route.probe.p99] : []))),
    probeMax: Math.max(0, ...rounds.flatMap((r) => (r.route.probe ? [r.route.probe.max] : []))),
    failures: rounds.reduce((sum, r) => sum + r.route.non2xx + r.route.errors + r.route.timeouts, 0),
    responses: rounds.reduce((sum, r) => sum + r.route.responses, 0),
    drain: median(rounds.map((r) => r.drain)),
  };
}

/** Writes the report; returns the routes whose plans read a large table sequentially (the bench then fails). */
export function writeRouteReport(input: {
  ready: ServerReady;
  specs: RouteSpec[];
  /** Seconds of one request alone, before any load. */
  alone: Map<string, number>;
  rounds: Map<string, RoundResult[]>;
  profileOf: (name: string) => RouteProfile | undefined;
  rssUnderLoad: number;
  loadSeconds: number;
  users: number;
  connections: number;
  seconds: number;
  roundsCount: number;
}): string[] {
  const { ready, specs, rounds, profileOf } = input;
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  const commit = `${git("git rev-parse --short HEAD")}${git("git status --porcelain") ? " (avec modifications locales)" : ""}`;
  const at = new Date();
  const cpus = os.cpus();
  const database = ready.kind === "server" ? "serveur PostgreSQL (DATABASE_URL)" : "PGlite embarqué (dans le processus de l'application)";
  const bareProfile = profileOf("Route nue");
  const bareRounds = [...rounds.values()].flat();

  const lines: string[] = [
    `# Routes de Tandem sous charge — ${ready.kind === "server" ? "serveur PostgreSQL" : "PGlite"}`,
    "",
    "## Machine et données",
    "",
    `- ${at.toISOString()}, commit ${commit}`,
    `- Processeur : ${cpus[0]?.model ?? "?"} × ${cpus.length} ; mémoire ${mb(os.totalmem())} ; ${os.type()} ${os.release()}`,
    `- Node ${process.version} ; ${ready.postgres.split(",")[0]} ; base : ${database}`,
    `- Données (remplies en ${ready.seed.seconds.toFixed(0)} s) : ${Object.entries(ready.seed.counts).map(([t, n]) => `${t} ${fr(n)}`).join(", ")}`,
    `- Revues : ${ready.seed.reviews.map((r) => `${r.items} points à l'ordre du jour`).join(", ") || "aucune"}`,
    `- Charge : ${input.connections} connexions simultanées (${input.users} utilisateurs connectés, chaque connexion garde le sien), ${input.roundsCount} tours, dans chacun la route nue puis la route, environ ${input.seconds} s chacune (autant de requêtes que la route en a servi en ${input.seconds} s à sa mesure précédente, chacune attendue jusqu'à sa réponse) ; ${input.loadSeconds.toFixed(0)} s de mesure`,
    `- Mémoire du serveur (RSS) : ${mb(ready.rssAfterStart)} après le démarrage, ${mb(input.rssUnderLoad)} au plus fort de la charge`,
    "",
    "## Comment lire",
    "",
    "Chaque chiffre est la médiane, sur les tours, du rapport entre la route et la route nue `GET /api/health` (sans session) mesurée juste avant, dans le même tour : la machine, partagée, va plus ou moins vite d'un moment à l'autre, le rapport l'efface. p99 : 99 % des réponses arrivent plus vite. Débit : requêtes par seconde obtenues par les mêmes connexions.",
    "Objectifs du ticket 15 (serveur, 50 utilisateurs) : p99 ≤ 2 × la route nue pour le portefeuille et la page d'un accompagnement, ≤ 3 × pour l'ordre du jour d'une revue ; débit ≥ 0,3 × la route nue. Les autres routes sont mesurées sans objectif chiffré.",
    "",
    "## Résultats",
    "",
    `Route nue (médianes) : p50 ${fr(median(bareRounds.map((r) => r.bare.p50)))} ms, p99 ${fr(median(bareRounds.map((r) => r.bare.p99)))} ms, ${fr(Math.round(median(bareRounds.map((r) => r.bare.rps))))} req/s ; ${bareProfile?.statements ?? "?"} instruction(s) SQL par requête.`,
    "",
    "| route | p50 (ms) | rapport p50 | p99 (ms) | rapport p99 | objectif p99 | débit (req/s) | rapport débit | objectif débit | instructions SQL / requête | transactions | taille de la réponse | réponses (tous les tours) | travail laissé | échecs |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const spec of specs) {
    const p = profileOf(spec.name);
    const measuredRounds = rounds.get(spec.name) ?? [];
    if (measuredRounds.length === 0) {
      const single = `une requête seule : ${(input.alone.get(spec.name) ?? Number.NaN).toFixed(1)} s, non mesurée sous charge`;
      lines.push(
        `| ${spec.name} \`${spec.route}\` | ${single} | — | — | — | ${spec.target ? `≤ ${spec.target.p99} × ❌` : "—"} | — | — | ${spec.target ? "❌" : "—"} | ${p?.statements ?? "?"} | ${p?.transactions ?? "?"} | ${p ? `${(p.bytes / 1000).toFixed(1)} kB (statut ${p.status})` : "?"} | — | — | — |`,
      );
      continue;
    }
    const s = summariseRounds(measuredRounds);
    const p99Goal = spec.target ? `≤ ${spec.target.p99} × ${s.p99.ratio <= spec.target.p99 ? "✅" : "❌"}` : "—";
    const rpsGoal = spec.target ? `≥ ${String(spec.target.throughput).replace(".", ",")} × ${s.rps.ratio >= spec.target.throughput ? "✅" : "❌"}` : "—";
    lines.push(
      `| ${spec.name} \`${spec.route}\` | ${fr(s.p50.route)} | ${ratio(s.p50.ratio)} | ${fr(s.p99.route)} | ${ratio(s.p99.ratio)} | ${p99Goal} | ${fr(Math.round(s.rps.route))} | ${ratio(s.rps.ratio)} | ${rpsGoal} | ${p?.statements ?? "?"} | ${p?.transactions ?? "?"} | ${p ? `${(p.bytes / 1000).toFixed(1)} kB (statut ${p.status})` : "?"} | ${fr(s.responses)} | ${s.drain.toFixed(1)} s | ${s.failures ? `❌ ${fr(s.failures)}` : "0"} |`,
    );
  }
  const targeted = specs.filter((spec) => spec.target && (rounds.get(spec.name)?.length ?? 0) > 0);
  if (targeted.length) {
    lines.push(
      "",
      "Pendant la charge de chaque route à objectif, `GET /api/live` (le processus répond, sans attendre la base de données) est demandée une requête à la fois, toutes les 20 ms : le serveur répond-il encore aux autres ? La base, elle, sert la route mesurée : une requête qui l’interroge attend son tour, c’est ce que mesurent les rapports ci-dessus. Objectifs du ticket 15 (base embarquée, données de démonstration) : ≤ 50 ms au 99e centile pendant la charge, aucune réponse de plus de 2 s.",
      "",
      "| route sous charge | `/api/live` pendant la charge, p99 (ms) | `/api/live`, plus longue (ms) | route, plus longue réponse (ms) | objectif ≤ 50 ms p99 | objectif ≤ 2 s |",
      "|---|---|---|---|---|---|",
      ...targeted.map((spec) => {
        const s = summariseRounds(rounds.get(spec.name) ?? []);
        const longest = Math.max(s.max, s.probeMax);
        return `| ${spec.name} | ${fr(Math.round(s.probeP99))} | ${fr(Math.round(s.probeMax))} | ${fr(Math.round(s.max))} | ${s.probeP99 <= 50 ? "✅" : "❌"} | ${longest <= 2000 ? "✅" : "❌"} |`;
      }),
    );
  }
  const planProblems = specs.flatMap((spec) => {
    const flagged = [...new Set(profileOf(spec.name)?.plans.flatMap((x) => x.seqScans) ?? [])];
    return flagged.length ? [`${spec.name} : Seq Scan de ${flagged.join(", ")}`] : [];
  });
  lines.push(
    "",
    planProblems.length
      ? `Plans : ❌ parcours séquentiel d'une table de plus de 10 000 lignes — ${planProblems.join(" ; ")} (voir « Plans des requêtes »).`
      : "Plans : ✅ aucune instruction des routes mesurées ne parcourt séquentiellement une table de plus de 10 000 lignes (chaque plan passe par un index, quelle que soit la taille des tables).",
    "",
    "Une route dont une requête seule, sans charge, dure plus qu'une mesure (BENCH_SECONDS) n'est pas mesurée sous charge : sa durée seule est donnée, et ses objectifs sont manqués. Échecs : réponses non 2xx, erreurs et délais dépassés (60 s) pendant les tours ; une route qui échoue n'est pas mesurée honnêtement. Chaque requête envoyée est attendue jusqu'à sa réponse : les plus lentes comptent dans les percentiles, et le serveur n'a plus rien à finir quand la mesure suivante commence. « Travail laissé » (médiane) : après la mesure d'une route, le temps qu'il faut encore pour que la route nue réponde de nouveau en moins de 50 ms (60 s au plus, BENCH_SETTLE_SECONDS) ; aucune mesure ne commence avant.",
    "",
    "## Plans des requêtes (EXPLAIN (ANALYZE, BUFFERS))",
    "",
    "Chaque route est appelée une fois par `app.inject` sur un `Db` qui compte et enregistre ses instructions (src/server/testing/statementCounter.ts) ; chaque instruction distincte est rejouée sous EXPLAIN (ANALYZE, BUFFERS) avec les paramètres de son premier appel, dans une transaction annulée. ⚠️ signale un parcours séquentiel (Seq Scan) d'une table de plus de 10 000 lignes.",
    "",
  );
  for (const name of ["Route nue", ...specs.map((s) => s.name)]) {
    const p = profileOf(name);
    if (!p) continue;
    const flagged = p.plans.flatMap((x) => x.seqScans);
    lines.push(`### ${name} — ${p.statements} instructions, ${p.plans.length} distinctes${flagged.length ? ` — ⚠️ Seq Scan : ${[...new Set(flagged)].join(", ")}` : ""}`, "");
    for (const [i, plan] of p.plans.entries()) {
      const sql = plan.sql.replace(/\s+/g, " ");
      const time = plan.plan.find((l) => l.startsWith("Execution Time"));
      lines.push(
        `${i + 1}. ${plan.calls > 1 ? `**× ${plan.calls}** ` : ""}\`${sql.length > 300 ? `${sql.slice(0, 300)}…` : sql}\`${time ? ` — ${time}` : ""}${plan.seqScans.length ? ` — ⚠️ Seq Scan : ${plan.seqScans.join(", ")}` : ""}`,
      );
      if (plan.error) lines.push(`   (plan impossible : ${plan.error})`);
      else if (plan.plan.length > 1) lines.push("", "   ```", ...plan.plan.slice(0, PLAN_LINES).map((l) => `   ${l}`), "   ```");
    }
    lines.push("");
  }
  const text = lines.join("\n");
  console.log(`\n${text.split("## Plans")[0]}`);
  const dir = path.join(root, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const name = `routes-${at.toISOString().slice(0, 16).replace(/:/g, "")}-${ready.kind === "server" ? "postgresql" : "pglite"}.md`;
  fs.writeFileSync(path.join(dir, name), text);
  console.log(`Écrit dans bench/results/${name}`);
  return planProblems;
}
