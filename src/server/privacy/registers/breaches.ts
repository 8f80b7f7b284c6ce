import { breachNoticeDeadline, lateSinceLabel, parisInstant, parisTimeExists, parisWallClock } from "../../../domain/privacy/registerClocks.js";
import { BREACH_KIND_LABELS, type Breach, type DeclareBreach } from "../../../shared/contracts/privacyRegisters.js";
import { conventionPeriod } from "../../convention/conventionTerms.js";
import { otherPartiesOf } from "../../convention/conventionsOfParty.js";
import { findOrganisationRecord } from "../../organisations/organisationRepository.js";
import { audit, auditRead } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import type { Mailer } from "../../platform/mail.js";
import { authorize, can } from "../../platform/policies.js";
import type { RequestContext, SessionUser } from "../../platform/requestContext.js";
import { registerClock } from "./registerClauses.js";
import { registerErrors } from "./registerErrors.js";

type Ctx = RequestContext & { user: SessionUser };
type Row = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  convention_id: string;
  convention_number: string;
  kind: Breach["kind"];
  discovered_at: Date;
  deadline_at: Date;
  delay_label: string;
  delay_source: string;
  description: string;
  data_concerned: string;
  people_concerned: string;
  measures: string | null;
  notified_at: Date | null;
  recorded_by_name: string;
};
const SELECT = `SELECT b.id, b.organisation_id, o.name AS organisation_name, b.convention_id, c.number AS convention_number, b.kind, b.discovered_at, b.deadline_at,
  b.delay_label, b.delay_source, b.description, b.data_concerned, b.people_concerned, b.measures, b.notified_at, u.first_name || ' ' || u.last_name AS recorded_by_name
  FROM breaches b JOIN organisations o ON o.id = b.organisation_id JOIN conventions c ON c.id = b.convention_id JOIN users u ON u.id = b.recorded_by`;

function summary(r: Row, now: Date) {
  return {
    id: r.id,
    organisation: r.organisation_name,
    kind: r.kind,
    kindLabel: BREACH_KIND_LABELS[r.kind],
    convention: { id: r.convention_id, number: r.convention_number },
    discoveredAt: r.discovered_at.toISOString(),
    deadlineAt: r.deadline_at.toISOString(),
    delay: { label: r.delay_label, source: r.delay_source },
    description: r.description,
    dataConcerned: r.data_concerned,
    peopleConcerned: r.people_concerned,
    measures: r.measures,
    notifiedAt: r.notified_at?.toISOString() ?? null,
    late: r.notified_at ? null : lateSinceLabel(r.deadline_at, now),
    recordedBy: r.recorded_by_name,
  };
}

/** Declares a breach discovered (or a complaint received) at a Paris day and time, its deadline from the convention's clause. */
export async function declareBreach(db: Db, ctx: Ctx, input: DeclareBreach, now = new Date()): Promise<Breach> {
  authorize(ctx.user, "privacy.breach.declare", { organisationId: ctx.user.organisationId });
  if (!parisTimeExists(input.discoveredOn, input.discoveredAt)) throw registerErrors.nonexistentTime();
  const discoveredAt = parisInstant(input.discoveredOn, input.discoveredAt);
  if (discoveredAt.getTime() > now.getTime()) throw registerErrors.discoveredInFuture();
  const id = await db.transaction(async (tx) => {
    const clock = await registerClock(tx, ctx.user.organisationId, input.conventionId, input.discoveredOn, "breach_notice");
    const period = await conventionPeriod(tx, input.conventionId);
    if (period?.effectiveOn && input.discoveredOn < period.effectiveOn) throw registerErrors.discoveredBeforeConvention(period.effectiveOn.split("-").reverse().join("/"));
    const deadline = breachNoticeDeadline(discoveredAt, clock.delay);
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO breaches (organisation_id, convention_id, kind, discovered_at, deadline_at, delay_label, delay_source, description, data_concerned, people_concerned, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [ctx.user.organisationId, input.conventionId, input.kind, discoveredAt, deadline, clock.label, clock.source, input.description, input.dataConcerned, input.peopleConcerned, ctx.user.id],
    );
    await audit(tx, ctx, {
      action: "privacy.breach_declared",
      subjectType: "breach",
      subjectId: id,
      details: { kind: input.kind, conventionId: input.conventionId, discoveredAt: discoveredAt.toISOString(), deadlineAt: deadline.toISOString() },
    });
    return id;
  });
  return readBreach(db, ctx, id, now, { audited: false });
}

/** The register: a DPO sees their organisation's entries; the platform admin, alerted of late ones, sees every organisation's. */
export async function listBreaches(db: Db, ctx: Ctx, now = new Date()) {
  const all = can(ctx.user, "privacy.breach.list_all");
  if (!all) authorize(ctx.user, "privacy.breach.manage", { organisationId: ctx.user.organisationId });
  const rows = await db.query<Row>(`${SELECT} WHERE ($1::uuid IS NULL OR b.organisation_id = $1) ORDER BY b.discovered_at DESC`, [all ? null : ctx.user.organisationId]);
  const items = rows.filter((r) => can(ctx.user, "privacy.breach.manage", { organisationId: r.organisation_id })).map((r) => summary(r, now));
  await auditRead(db, ctx, {
    action: "privacy.breach_register_read",
    ...(all ? { subjectType: "breach" } : { subjectType: "organisation", subjectId: ctx.user.organisationId }),
    details: { count: items.length },
  });
  return { items, lateCount: items.filter((b) => b.late).length };
}

async function findReadable(db: Db, ctx: Ctx, id: string, lock: boolean): Promise<Row> {
  const [row] = await db.query<Row>(`${SELECT} WHERE b.id = $1${lock ? " FOR UPDATE OF b" : ""}`, [id]);
  if (!row || !can(ctx.user, "privacy.breach.manage", { organisationId: row.organisation_id })) throw registerErrors.breachNotFound();
  return row;
}

type Contact = { organisationId: string; organisation: string; kind: "dpo" | "security"; email: string };

/** Who is told: the DPO and the security contact of each party on the other side, from the organisations context. */
async function contactsOf(db: Db, row: Row): Promise<{ contacts: Contact[]; missing: string[] }> {
  const onDate = parisWallClock(row.discovered_at).date;
  const contacts: Contact[] = [];
  const missing: string[] = [];
  for (const orgId of await otherPartiesOf(db, row.convention_id, row.organisation_id, onDate)) {
    const org = await findOrganisationRecord(db, orgId);
    if (!org) continue;
    const mine = [
      ...(org.dpo_email ? [{ organisationId: orgId, organisation: org.name, kind: "dpo" as const, email: org.dpo_email }] : []),
      ...(org.security_email && org.security_email !== org.dpo_email ? [{ organisationId: orgId, organisation: org.name, kind: "security" as const, email: org.security_email }] : []),
    ];
    if (mine.length === 0) missing.push(org.name);
    contacts.push(...mine);
  }
  return { contacts, missing };
}

const CONTACT_LABELS = { dpo: "Délégué à la protection des données", security: "Contact sécurité" } as const;

export async function readBreach(db: Db, ctx: Ctx, id: string, now = new Date(), opts = { audited: true }): Promise<Breach> {
  const row = await findReadable(db, ctx, id, false);
  const { contacts, missing } = await contactsOf(db, row);
  const notifications = await db.query<{ to_address: string; organisation_name: string; contact_kind: "dpo" | "security"; subject: string; body: string; sent_at: Date }>(
    "SELECT to_address, organisation_name, contact_kind, subject, body, sent_at FROM breach_notifications WHERE breach_id = $1 ORDER BY sent_at, organisation_name, contact_kind",
    [id],
  );
  if (opts.audited) await auditRead(db, ctx, { action: "privacy.breach_read", subjectType: "breach", subjectId: id });
  return {
    ...summary(row, now),
    contacts: contacts.map((c) => ({ organisation: c.organisation, kind: c.kind, kindLabel: CONTACT_LABELS[c.kind], email: c.email })),
    missingContacts: missing,
    notifications: notifications.map((n) => ({
      to: n.to_address,
      organisation: n.organisation_name,
      kindLabel: CONTACT_LABELS[n.contact_kind],
      subject: n.subject,
      body: n.body,
      sentAt: n.sent_at.toISOString(),
    })),
  };
}

const parisLabel = (d: Date) => {
  const w = parisWallClock(d);
  return `${w.date.split("-").reverse().join("/")} à ${w.time.replace(":", " h ")} (heure de Paris)`;
};

/**
 * Tells the other party: one e-mail to each of its contacts through the outbox (mail.enqueue, in
 * the same transaction), each kept in breach_notifications as sent; the breach is notified then.
 */
export async function notifyBreach(db: Db, mailer: Mailer, ctx: Ctx, id: string, now = new Date()): Promise<Breach> {
  await db.transaction(async (tx) => {
    const row = await findReadable(tx, ctx, id, true);
    if (row.notified_at) throw registerErrors.alreadyNotified();
    const { contacts } = await contactsOf(tx, row);
    if (contacts.length === 0) throw registerErrors.noContact();
    const subject = `${BREACH_KIND_LABELS[row.kind]} — convention ${row.convention_number} — information de l’autre partie`;
    for (const c of contacts) {
      const body = [
        "Madame, Monsieur,",
        "",
        `${row.organisation_name} vous informe, au titre de la convention ${row.convention_number} (${row.delay_source}), d’une ${row.kind === "breach" ? "violation de données personnelles" : "plainte d’une personne concernée"} découverte le ${parisLabel(row.discovered_at)}.`,
        "",
        `Description : ${row.description}`,
        `Données concernées : ${row.data_concerned}`,
        `Personnes concernées : ${row.people_concerned}`,
        `Mesures prises : ${row.measures ?? "en cours de définition"}`,
        "",
        `Délai d’information prévu par la convention : ${row.delay_label}, soit au plus tard le ${parisLabel(row.deadline_at)}.`,
        "",
        `${ctx.user.firstName} ${ctx.user.lastName} — ${row.organisation_name}`,
      ].join("\n");
      await mailer.enqueue(tx, { to: c.email, subject, text: body });
      await tx.query(
        "INSERT INTO breach_notifications (breach_id, organisation_id, organisation_name, contact_kind, to_address, subject, body, sent_by, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [id, c.organisationId, c.organisation, c.kind, c.email, subject, body, ctx.user.id, now],
      );
    }
    await tx.query("UPDATE breaches SET notified_at = $2, updated_at = now() WHERE id = $1", [id, now]);
    await audit(tx, ctx, {
      action: "privacy.breach_notified",
      subjectType: "breach",
      subjectId: id,
      details: { recipients: contacts.map((c) => ({ organisationId: c.organisationId, kind: c.kind })), late: now > row.deadline_at },
    });
  });
  return readBreach(db, ctx, id, now, { audited: false });
}

export async function recordBreachMeasures(db: Db, ctx: Ctx, id: string, measures: string, now = new Date()): Promise<Breach> {
  await db.transaction(async (tx) => {
    await findReadable(tx, ctx, id, true);
    await tx.query("UPDATE breaches SET measures = $2, updated_at = now() WHERE id = $1", [id, measures]);
    await audit(tx, ctx, { action: "privacy.breach_measures_recorded", subjectType: "breach", subjectId: id });
  });
  return readBreach(db, ctx, id, now, { audited: false });
}
