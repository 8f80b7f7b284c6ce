import fs from "node:fs";
import { exportConventionFile } from "../server/convention/conventionActions.js";
import { importConvention } from "../server/convention/importConvention.js";
import { openMigratedDatabase } from "../server/platform/bootstrap.js";
import type { Config } from "../server/platform/config.js";
import { isCalendarDate, parisToday } from "../domain/shared/calendarDate.js";
import { AppError } from "../server/platform/errors.js";
import { createMailer } from "../server/platform/mail.js";
import { runAuditVerify } from "../server/privacy/auditChain.js";
import { runAuditPurge } from "../server/privacy/auditRetention.js";
import { runDuePurges } from "../server/privacy/retention/runPurges.js";
import { systemContext } from "../server/platform/requestContext.js";
import { sendDailyDigest } from "../server/support/sendDailyDigest.js";
import { runRomeLoad } from "../server/rome/romeCli.js";

/** Commands added by the capabilities. */
export const cliCommands: Record<string, (config: Config, args: string[]) => Promise<void>> = {
  "conventions:import": async (config, [file]) => {
    if (!file) throw new Error("Usage : tandem conventions:import FICHIER.yaml");
    const db = await openMigratedDatabase(config);
    try {
      const result = await importConvention(db, systemContext("cli"), fs.readFileSync(file, "utf8"), { system: true });
      console.log(`Convention ${result.number} importée comme brouillon (${result.id}) : chaque partie la signe dans Tandem.`);
    } catch (error) {
      if (error instanceof AppError) {
        const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
        throw new Error([error.message, ...issues.map((i) => `  ${i.path} : ${i.message}`)].join("\n"));
      }
      throw error;
    } finally {
      await db.close();
    }
  },
  "conventions:export": async (config, [number]) => {
    if (!number) throw new Error("Usage : tandem conventions:export NUMÉRO");
    const db = await openMigratedDatabase(config);
    try {
      const [row] = await db.query<{ id: string }>("SELECT id FROM conventions WHERE number = $1", [number]);
      if (!row) throw new Error(`Convention inconnue : ${number}`);
      process.stdout.write((await exportConventionFile(db, null, row.id, "")).yaml);
    } finally {
      await db.close();
    }
  },
  /** Checks the audit trail's hash chain: exit code 0 if intact, 1 if broken (where it breaks is printed). */
  "audit:verify": async (config) => {
    const db = await openMigratedDatabase(config);
    try {
      const { exitCode, output } = await runAuditVerify(db, systemContext("cli-audit-verify"));
      console.log(output);
      process.exitCode = exitCode;
    } finally {
      await db.close();
    }
  },
  /** Drops the audit trail's months older than a year (also run by the server once a day), each after an anchor of the chain. */
  "audit:purge": async (config) => {
    const db = await openMigratedDatabase(config);
    try {
      console.log(await runAuditPurge(db));
    } finally {
      await db.close();
    }
  },
  /** The global-support daily digest (also run by the server once a day); optional date AAAA-MM-JJ. */
  "support:digest": async (config, [day]) => {
    const db = await openMigratedDatabase(config);
    try {
      const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
      const users = await sendDailyDigest({ db, mailer, publicUrl: config.publicUrl }, day ?? parisToday());
      await mailer.dispatch();
      console.log(`Récapitulatif quotidien envoyé à ${users} professionnel(s).`);
    } finally {
      await db.close();
    }
  },
  /**
   * The retention purges due (also run by the server once a day, ADR 0032): received lists past their
   * purge date, conventions' destructions after their end; `--date jj/mm/aaaa` runs them as on that day.
   */
  "purge:run": async (config, args) => {
    const at = args.indexOf("--date");
    const given = at >= 0 ? args[at + 1] : undefined;
    const match = given ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(given) : null;
    if (given !== undefined && !match) throw new Error("Usage : tandem purge:run [--date jj/mm/aaaa]");
    const day = match ? `${match[3]}-${match[2]}-${match[1]}` : parisToday();
    if (!isCalendarDate(day)) throw new Error(`Date impossible : ${given}.`);
    const db = await openMigratedDatabase(config);
    try {
      const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
      const run = await runDuePurges({ db, mailer, config }, day);
      await mailer.dispatch();
      console.log(
        `Purges du ${given ?? day.split("-").reverse().join("/")} : ${run.lists} liste(s) reçue(s), ${run.conventions} fin(s) de convention, ${run.failed} en échec (voir le journal des purges).`,
      );
      if (run.failed > 0) process.exitCode = 1;
    } finally {
      await db.close();
    }
  },
  /** `rome:load DOSSIER`: France Travail's ROME 4.0 referential (RefRomeCsv files) replaced in one transaction, all or nothing (ADR 0036). */
  "rome:load": (config, [dir]) => runRomeLoad(config, dir),
};
