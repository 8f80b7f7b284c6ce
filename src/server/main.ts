import { openMigratedDatabase } from "./platform/bootstrap.js";
import { loadConfig } from "./platform/config.js";

const config = loadConfig();
// The database opens and migrates (PGlite in its own thread, or a server) while this thread loads
// the rest of the application's modules: a start pays the longer of the two, not their sum.
const opening = openMigratedDatabase(config);
const [{ buildApp }, { DEMO_EMAIL_DOMAIN }, { ensureDemoData }, { describeDatabaseRole }, { dailyJobs, backgroundJobs, backgroundSchedules }, { enqueueDueDailyJobs }, { createMailer }, { startJobQueue }] = await Promise.all([
  import("./app.js"),
  import("./demo/demoOrganisations.js"),
  import("./demo/loadDemo.js"),
  import("./platform/databaseRoles.js"),
  import("./jobs.js"),
  import("./platform/dailyJobs.js"),
  import("./platform/mail.js"),
  import("./platform/jobQueue.js"),
]);
const db = await opening;
const demo = await ensureDemoData(db, config.production);
// The referential may have changed with this version (communes joining an EPCI): territories follow it at once (ADR 0027).
await (await import("./convention/conventionTerritory.js")).refreshConventionTerritories(db);
const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
// TANDEM_WEB_ROOT: a web build other than dist/web (a developer's e2e run beside another's build).
const app = await buildApp({ db, config, mailer }, process.env.TANDEM_WEB_ROOT ? { webRoot: process.env.TANDEM_WEB_ROOT } : {});
await app.listen({ port: config.port, host: config.host });

const dispatcher = mailer.mode === "smtp" ? setInterval(() => void mailer.dispatch().catch((err) => app.log.error({ err }, "envoi des courriels en échec")), 5000) : null;
// Background work on pg-boss (ADR 0029): each job runs on one instance, retried with backoff. Daily
// work (alerts, digests, purges) is enqueued now if not yet today, then looked at every 10 minutes.
const deps = { db, config, mailer };
const enqueueDaily = () => enqueueDueDailyJobs(db, dailyJobs);
const queue = await startJobQueue(deps, {
  jobs: backgroundJobs,
  schedules: backgroundSchedules,
  onError: (err) => app.log.error({ err }, "file des tâches de fond"),
});
await enqueueDaily().catch((err) => app.log.error({ err }, "tâches quotidiennes non programmées"));

const where = db.kind === "embedded" ? `embarquée (${config.dataDir})` : "serveur PostgreSQL (DATABASE_URL)";
// Who the app is connected as: a role that could switch off the audit trail's protection is said loudly.
const role = await describeDatabaseRole(db);
if (role.mode === "owner") app.log.warn({ databaseRole: role.user }, role.message);
console.log(`
  Tandem est démarré : ${config.publicUrl}
  Base de données : ${where}
  Rôle de l’application : ${role.message}
  Données de démonstration : ${{ loaded: "chargées", kept: "conservées", skipped: "non chargées (production)" }[demo]}
  Comptes de démonstration : voir README.md (adresses en @${DEMO_EMAIL_DOMAIN})
  Arrêt : Ctrl-C
`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, "arrêt demandé");
  if (dispatcher) clearInterval(dispatcher);
  await app.close();
  // The jobs running finish (10 s at most) before the database closes.
  await queue.stop().catch((err) => app.log.error({ err }, "arrêt de la file des tâches de fond"));
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
