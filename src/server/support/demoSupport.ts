import { addDays, addMonths } from "../../domain/shared/calendarDate.js";
import type { BarrierInput } from "../../shared/contracts/support.js";
import { communesInReachSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { createMailer } from "../platform/mail.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { assignPair } from "./assignPair.js";
import { enterSupport } from "./enterSupport.js";
import { exitSupport } from "./exitSupport.js";
import { orientJobSeeker } from "./orientJobSeeker.js";
import { recordAppointment } from "./recordAppointment.js";
import { recordConsent } from "./recordConsent.js";
import { recordDiagnosis } from "./recordDiagnosis.js";
import { refuseEntry } from "./refuseEntry.js";
import { renewSupport } from "./renewSupport.js";
import { startSocialOnly } from "./startSocialOnly.js";
import { submitForEntry } from "./submitForEntry.js";
import type { SupportDeps } from "./supportDeps.js";

type Stage = "oriented" | "diagnosed" | "awaiting_entry" | "active" | "no_show" | "renewal_due" | "renewed" | "social_only" | "exited" | "refused";
type DemoCase = { stage: Stage; orientedDaysAgo: number; enteredDaysAgo?: number; barriers: BarrierInput[]; rsa: boolean };

/** The same spread of situations in each territory, so that every screen has something to show. */
const CASES: DemoCase[] = [
  { stage: "oriented", orientedDaysAgo: 3, barriers: [{ code: "housing" }, { code: "project_to_define" }], rsa: true },
  { stage: "oriented", orientedDaysAgo: 30, barriers: [{ code: "financial" }], rsa: false },
  { stage: "diagnosed", orientedDaysAgo: 8, barriers: [{ code: "family" }, { code: "no_qualification" }], rsa: true },
  { stage: "awaiting_entry", orientedDaysAgo: 15, barriers: [{ code: "isolation" }, { code: "mobility" }], rsa: true },
  { stage: "active", orientedDaysAgo: 60, enteredDaysAgo: 40, barriers: [{ code: "health" }, { code: "lack_of_experience" }], rsa: false },
  { stage: "no_show", orientedDaysAgo: 30, enteredDaysAgo: 12, barriers: [{ code: "housing" }, { code: "distance_from_employment" }], rsa: true },
  { stage: "renewal_due", orientedDaysAgo: 0, enteredDaysAgo: 0, barriers: [{ code: "administrative_legal" }, { code: "mobility" }], rsa: true },
  { stage: "renewed", orientedDaysAgo: 0, enteredDaysAgo: 0, barriers: [{ code: "financial" }, { code: "project_to_define" }], rsa: true },
  { stage: "social_only", orientedDaysAgo: 130, enteredDaysAgo: 100, barriers: [{ code: "health" }, { code: "no_qualification" }], rsa: true },
  { stage: "exited", orientedDaysAgo: 320, enteredDaysAgo: 300, barriers: [{ code: "family" }, { code: "lack_of_experience" }], rsa: false },
  { stage: "refused", orientedDaysAgo: 25, barriers: [{ code: "isolation" }, { code: "mobility" }], rsa: false },
];

const TERRITORIES = [
  // Creuse [001]: the Département orients; an agency advisor and a departmental social worker form the pair.
  { orienter: "orienteur.creuse", advisor: "conseiller.creuse", socialWorker: "social.creuse", referents: ["agent.creuse"], initialMonths: 12 },
  // Bas-Rhin [002]: in Strasbourg the city acts for the Département; its social worker pairs with the Meinau advisor.
  { orienter: "social.strasbourg", advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", referents: ["agent.strasbourg", "pilotage.alsace"], initialMonths: 6 },
];

async function sessionUser(tx: Db, local: string): Promise<SessionUser> {
  const [u] = await tx.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE email = $1",
    [`${local}@demo.tandem.fr`],
  );
  return { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles };
}
const asUser = (user: SessionUser): RequestContext & { user: SessionUser } => ({ user, requestId: "demo", ip: "local" });

/**
 * Demo: global-support cases in Creuse and Bas-Rhin in every state, built through the use cases
 * themselves (so they obey the same rules and leave the same timeline and audit trail).
 */
export async function loadDemoSupport(tx: Db, today: string): Promise<void> {
  const deps: SupportDeps = { db: tx, mailer: createMailer(tx, { from: "demo@tandem.local" }), publicUrl: "" };
  for (const t of TERRITORIES) {
    const orienter = asUser(await sessionUser(tx, t.orienter));
    const advisor = asUser(await sessionUser(tx, t.advisor));
    const socialWorker = asUser(await sessionUser(tx, t.socialWorker));
    for (const local of t.referents) {
      const r = await sessionUser(tx, local);
      await tx.query("INSERT INTO support_referents (organisation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [r.organisationId, r.id]);
    }
    // People of the orienter's territory, RSA or not, none already oriented.
    const people = async (rsa: boolean) =>
      tx.query<{ id: string }>(
        `SELECT js.id FROM job_seekers js
          WHERE js.synthetic AND ('RSA' = ANY(js.benefits)) = $2
            AND js.commune_insee IN (${communesInReachSql("$1::uuid", "$3::date")})
            AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id)
          ORDER BY js.ft_identifier LIMIT 1`,
        [orienter.user.organisationId, rsa, today],
      );
    for (const c of CASES) {
      const [person] = await people(c.rsa);
      // Renewal cases are placed so that their period ends about now.
      const enteredDaysAgo = c.stage === "renewal_due" || c.stage === "renewed" ? null : c.enteredDaysAgo;
      const enteredOn =
        c.stage === "renewal_due"
          ? addDays(addMonths(today, -t.initialMonths), 20)
          : c.stage === "renewed"
            ? addDays(addMonths(today, -t.initialMonths), -10)
            : enteredDaysAgo !== undefined && enteredDaysAgo !== null
              ? addDays(today, -enteredDaysAgo)
              : null;
      const orientedOn = enteredOn ? addDays(enteredOn, -20) : addDays(today, -c.orientedDaysAgo);
      const id = await orientJobSeeker(deps, orienter, { jobSeekerId: person.id, origin: t.orienter.startsWith("orienteur") ? "departement_social_service" : "city_social_service", orientedOn, barriers: c.barriers }, today);
      if (c.stage === "oriented") continue;
      await recordConsent(deps, socialWorker, id, { givenOn: addDays(orientedOn, 2), method: "in_person" }, today);
      await assignPair(deps, advisor, id, { advisorId: advisor.user.id, socialWorkerId: socialWorker.user.id }, today);
      await recordDiagnosis(deps, socialWorker, id, { kind: "shared", on: addDays(orientedOn, 5), disagreement: false }, today);
      if (c.stage === "diagnosed") continue;
      if (c.stage === "refused") {
        await refuseEntry(deps, advisor, id, { on: addDays(orientedOn, 10), reason: "La personne a retrouvé un emploi avant l’entrée.", source: { kind: "pair" } }, today);
        continue;
      }
      await submitForEntry(deps, advisor, id, today);
      if (c.stage === "awaiting_entry" || !enteredOn) continue;
      const review = { kind: "review" as const, reviewId: null, reviewedOn: enteredOn };
      await enterSupport(deps, advisor, id, { on: enteredOn, source: review }, today);
      const firstWeek = addDays(enteredOn, 7);
      if (firstWeek <= today) {
        await recordAppointment(deps, socialWorker, id, { kind: "social", scheduledOn: firstWeek, status: "attended" }, today);
        await recordAppointment(deps, advisor, id, { kind: "professional", scheduledOn: addDays(firstWeek, 1), status: c.stage === "no_show" ? "missed" : "attended" }, today);
      }
      if (c.stage === "renewed") await renewSupport(deps, advisor, id, { on: addDays(today, -20), source: { kind: "pair" } }, today);
      if (c.stage === "social_only") await startSocialOnly(deps, advisor, id, { on: addDays(today, -30), personConsents: true, jointDecision: true, source: { kind: "pair" } }, today);
      if (c.stage === "exited") await exitSupport(deps, advisor, id, { on: addDays(today, -10), type: "sustainable_job", source: review }, today);
    }
  }
}
