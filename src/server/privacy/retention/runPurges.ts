import { frenchDate } from "../../../domain/shared/calendarDate.js";
import type { OrganisationKind, Role } from "../../../shared/roles.js";
import { conventionPeriod } from "../../convention/conventionTerms.js";
import { dataDestructionsEndingBy } from "../../convention/dataDestructions.js";
import { receivedListsHoldingData } from "../../lists/receivedListPurge.js";
import { audit } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import type { Mailer } from "../../platform/mail.js";
import { can, effectiveRoles } from "../../platform/policies.js";
import { systemContext } from "../../platform/requestContext.js";
import { failedNotAlerted, journalRowFor, markFailed } from "./purgeJournal.js";
import { conventionEndLabel, purgeConventionEnd } from "./purgeConventionEnd.js";
import { purgeReceivedList, receivedListLabel } from "./purgeReceivedList.js";

export type PurgeDeps = {
  db: Db;
  mailer?: Mailer;
  config?: { publicUrl: string };
  log?: { error(obj: object, msg: string): void };
  /**
   * Rows per short transaction. On a server, 5 000 (measured: 200 000 lines and 50 000 people in
   * 13 s, a user's query waiting 80 ms at worst); PGlite has one connection, every request waits for
   * the batch in progress: 1 000 there.
   */
  batchSize?: number;
};
export type PurgeRun = { lists: number; conventions: number; failed: number; alerts: number };

/**
 * The daily retention run (jobs.ts, `tandem purge:run`), for the Paris day `today`: every received
 * list whose purge date has come and that still holds data, then every convention whose destruction
 * after its end is due; each in its own batches, a failure recorded « en échec » in the journal (its
 * error's code, never its message) without stopping the others; then the DPOs of the failed ones
 * are told by e-mail, once per failure. Running it twice the same day removes nothing more.
 */
export async function runDuePurges(deps: PurgeDeps, today: string): Promise<PurgeRun> {
  const { db } = deps;
  const batchSize = deps.batchSize ?? (db.kind === "embedded" ? 1000 : 5000);
  const run: PurgeRun = { lists: 0, conventions: 0, failed: 0, alerts: 0 };
  for (const list of await receivedListsHoldingData(db, today)) {
    const conventionNumber = (await conventionPeriod(db, list.conventionId))?.number ?? "—";
    try {
      await purgeReceivedList(db, { ...list, conventionNumber }, today, batchSize);
      run.lists++;
    } catch (e) {
      run.failed++;
      deps.log?.error({ err: e, listImportId: list.id }, "received list purge failed");
      const id = await journalRowFor(
        db,
        { kind: "received_list", listImportId: list.id, conventionId: list.conventionId },
        { label: receivedListLabel(list), conventionNumber, rule: list.purgeRule, dueOn: list.purgeOn, organisationIds: [list.organisationId] },
      );
      await markFailed(db, id, errorCode(e));
    }
  }
  for (const d of await dataDestructionsEndingBy(db, today)) {
    if (d.dueOn > today) continue;
    try {
      await purgeConventionEnd(db, d, today, batchSize);
      run.conventions++;
    } catch (e) {
      run.failed++;
      deps.log?.error({ err: e, conventionId: d.conventionId }, "convention end purge failed");
      const id = await journalRowFor(
        db,
        { kind: "convention_end", conventionId: d.conventionId },
        { label: conventionEndLabel(d), conventionNumber: d.number, rule: d.rule, dueOn: d.dueOn, organisationIds: d.partyOrganisationIds },
      );
      await markFailed(db, id, errorCode(e));
    }
  }
  if (deps.mailer) run.alerts = await sendPurgeFailureAlerts(deps as Required<Pick<PurgeDeps, "db" | "mailer">> & PurgeDeps);
  return run;
}

const errorCode = (e: unknown) => {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : "ERREUR_INTERNE";
};

/** Each failed purge not yet announced: an e-mail to the DPOs of its organisations (asked of the policy), once. */
async function sendPurgeFailureAlerts(deps: PurgeDeps & { mailer: Mailer }): Promise<number> {
  const { db } = deps;
  let sent = 0;
  for (const f of await failedNotAlerted(db)) {
    const users = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.active AND u.organisation_id = ANY($1::uuid[]) AND 'dpo' = ANY(u.roles) ORDER BY u.last_name, u.first_name`,
      [f.organisationIds],
    );
    const recipients = users.filter((u) =>
      can(
        { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) },
        "privacy.retention.manage",
        { organisationId: u.organisation_id },
      ),
    );
    await db.transaction(async (tx) => {
      const [claimed] = await tx.query("UPDATE purge_journal SET alerted_at = now() WHERE id = $1 AND alerted_at IS NULL AND status = 'failed' RETURNING 1", [f.id]);
      if (!claimed) return;
      for (const u of recipients) {
        await deps.mailer.enqueue(tx, {
          to: u.email,
          subject: `Purge en échec : ${f.label} (convention ${f.conventionNumber})`,
          text: [
            `La purge due le ${frenchDate(f.dueOn)} (${f.label}, convention ${f.conventionNumber}) n’a pas pu être faite.`,
            "Elle sera réessayée demain ; le journal des purges dit ce qui a déjà été supprimé.",
            "",
            `${deps.config?.publicUrl ?? ""}/protection-des-donnees/purges`,
          ].join("\n"),
        });
        sent++;
      }
      await audit(tx, systemContext("retention-purge"), { action: "privacy.purge_alert_sent", subjectType: "purge_journal", subjectId: f.id, details: { recipients: recipients.length } });
    });
  }
  return sent;
}
