import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import { can, effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { reviewRef } from "./reviewAccess.js";
import { type Aggregate, aggregateSentence } from "./reviewAggregate.js";
import type { Recipient } from "./reviewDistribution.js";
import type { ReviewHeading } from "./reviewHeading.js";
import type { ReviewRow } from "./reviewRepository.js";

type MailDeps = { mailer: Mailer; config: Config };
type List = { label: string; recipients: Recipient[] };

/** Each person once, under the first list that names them. */
const eachRecipient = (lists: List[]) => {
  const seen = new Set<string>();
  return lists.flatMap((list) => list.recipients.filter((r) => !seen.has(r.email) && seen.add(r.email)).map((r) => ({ list, r })));
};
/** Blank lines collapse: an absent paragraph leaves no hole. */
const paragraphs = (lines: string[]) =>
  lines
    .filter((l, i, all) => l !== "" || all[i - 1] !== "")
    .join("\n")
    .trimEnd();

/**
 * The follow-up table announced to the distribution list. No name nor identifier (an e-mail leaves
 * Tandem in clear): what the review did in counts, how many of the recipient's people it concerns,
 * and the page where they see what they may see — the review itself for those who take part in it,
 * its summary in counts for the others (steering staff, a city's representative).
 */
export async function sendFollowUpMails(tx: Db, deps: MailDeps, review: ReviewRow, heading: ReviewHeading, lists: List[], aggregate: Aggregate) {
  const participation = await reviewRef(tx, review.convention_id, review.agency_ids, review.held_on);
  const sent: string[] = [];
  for (const { list, r } of eachRecipient(lists)) {
    const visible = r.caseIds.size;
    const user = await sessionUserOf(tx, r.userId);
    const page = user && can(user, "review.take_part", participation) ? `/revues/${review.id}` : `/synthese-revue/${review.id}`;
    await deps.mailer.enqueue(tx, {
      to: r.email,
      subject: `${review.version > 1 ? "[Corrigé] " : ""}Tableau de suivi — ${heading.title}`,
      text: paragraphs([
        `Bonjour ${r.name},`,
        "",
        `Le tableau de suivi de cette revue de portefeuille ${heading.cadence} est établi. Vous en êtes destinataire au titre de\u00a0: ${list.label} (convention ${heading.conventionNumber}).`,
        review.version > 1 ? `La revue a été rouverte et corrigée : cette version ${review.version} remplace la précédente.` : "",
        "",
        aggregateSentence(aggregate),
        visible === 0
          ? "Aucune personne de votre portefeuille n’est concernée."
          : `${visible} personne${visible > 1 ? "s" : ""} dont vous pouvez recevoir le suivi ${visible > 1 ? "y figurent" : "y figure"}.`,
        "",
        page.startsWith("/revues/")
          ? `Le tableau et le compte rendu sont dans Tandem\u00a0: ${deps.config.publicUrl}${page}`
          : `La synthèse de la revue est dans Tandem\u00a0: ${deps.config.publicUrl}${page}`,
      ]),
    });
    sent.push(r.email);
  }
  return sent;
}

/** A review deleted after its table was sent: those who received it are told it no longer stands. */
export async function sendDeletionMails(tx: Db, deps: MailDeps, heading: ReviewHeading, lists: List[], deletedBy: string) {
  const sent: string[] = [];
  for (const { r } of eachRecipient(lists)) {
    await deps.mailer.enqueue(tx, {
      to: r.email,
      subject: `Revue supprimée — ${heading.title}`,
      text: paragraphs([
        `Bonjour ${r.name},`,
        "",
        `${deletedBy} a supprimé cette revue de portefeuille ${heading.cadence} (convention ${heading.conventionNumber}) : elle avait été programmée par erreur et ne contenait aucune décision.`,
        "Le tableau de suivi et le compte rendu qui vous en avaient été adressés sont sans objet. Aucun accompagnement n’a été modifié.",
      ]),
    });
    sent.push(r.email);
  }
  return sent;
}

/** The recipient as their session would be (the policy decides which page they may open). */
async function sessionUserOf(tx: Db, userId: string): Promise<SessionUser | null> {
  const [u] = await tx.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
    "SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    [userId],
  );
  return u ? { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) } : null;
}
