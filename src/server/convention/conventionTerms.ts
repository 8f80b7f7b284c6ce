import { type DataObligation, dataObligations } from "../../domain/convention/dataClauses.js";
import type { GlobalSupportTerms } from "../../domain/convention/globalSupportTerms.js";
import { termsOn } from "../../domain/convention/termsInForce.js";
import type { ConventionTerms, ImmersionTerms, PecTerms } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { conventionErrors } from "./conventionErrors.js";
import { AMENDMENT_SIGNED_SQL, FULLY_SIGNED_SQL, listAmendments } from "./conventionRepository.js";

/**
 * What other capabilities read of a convention: the terms in force on a date (amendments
 * applied) and who its parties are. They never read the convention tables themselves.
 */
export async function termsInForce(db: Db, conventionId: string, onDate: string): Promise<ConventionTerms | null> {
  const [row] = await db.query<{ base_terms: ConventionTerms }>("SELECT base_terms FROM conventions WHERE id = $1", [conventionId]);
  if (!row) return null;
  return termsOn(row.base_terms, await listAmendments(db, conventionId), onDate);
}

/**
 * In force on a date: signed in Tandem by every party that signs it (ADR 0008 — the dates a file
 * writes sign nothing), started, not ended, not terminated.
 */
const inForce = (c: string, onDate: string) => `${c}.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL(c)} AND ${c}.effective_on <= ${onDate}
  AND LEAST(${c}.ends_on, ${c}.terminated_on) >= ${onDate}`;
const IN_FORCE = inForce("c", "$2::date");

/**
 * Organisations acting under a convention on a date: its parties (a predecessor until its
 * successor's date, the successor from it) and their child organisations (the agencies of a
 * France Travail direction that signed).
 */
const actingParties = (onDate: string) => `SELECT p.convention_id, p.organisation_id, p.side FROM convention_parties p
   WHERE (p.valid_from IS NULL OR p.valid_from <= ${onDate}) AND (p.valid_to IS NULL OR p.valid_to > ${onDate})
  UNION
  SELECT p.convention_id, o.id, p.side FROM convention_parties p JOIN organisations o ON o.parent_id = p.organisation_id
   WHERE (p.valid_from IS NULL OR p.valid_from <= ${onDate}) AND (p.valid_to IS NULL OR p.valid_to > ${onDate})`;
const ACTING_PARTIES = actingParties("$2::date");

/**
 * The same organisations as conventionPartyOrganisationIds, as an SQL expression (uuid[]): for a
 * page that authorises the row it reads in the same statement (the case page) instead of one more
 * round trip. `conventionId` is an SQL expression, `onDate` a parameter reference such as "$3::date".
 */
export const actingPartyIdsSql = (conventionId: string, onDate: string) =>
  `ARRAY(SELECT DISTINCT ap.organisation_id FROM (${actingParties(onDate)}) ap WHERE ap.convention_id = ${conventionId})`;

/**
 * THE reach rule of global support (ADR 0027), said once for every place that asks it (search,
 * person page, orientation, recording a person, case pages and lists, notifications, review
 * distribution): a commune is in an organisation's reach on a date when it is in the organisation's
 * own territory AND in the territory of a convention in force that day under which the
 * organisation acts (as a party, a successor from its date, or the child of a party). `commune`,
 * `organisationId` and `onDate` are SQL expressions (a column, or "$3::date"). Index lookups only:
 * the organisation's communes by key, each checked in convention_communes by key against the few
 * conventions the organisation acts under (never a scan of job_seekers).
 */
const conventionsActedUnderInForce = (organisationId: string, onDate: string) =>
  `SELECT rv.id FROM conventions rv
    WHERE rv.id IN (SELECT rp.convention_id FROM convention_parties rp
                     WHERE (rp.organisation_id = ${organisationId}
                            OR rp.organisation_id = (SELECT ro.parent_id FROM organisations ro WHERE ro.id = ${organisationId}))
                       AND (rp.valid_from IS NULL OR rp.valid_from <= ${onDate}) AND (rp.valid_to IS NULL OR rp.valid_to > ${onDate}))
      AND ${inForce("rv", onDate)}`;
export const communeInReachSql = (commune: string, organisationId: string, onDate: string) =>
  `EXISTS (SELECT 1 FROM organisation_communes rt JOIN convention_communes rc ON rc.insee_code = rt.insee_code
     WHERE rt.organisation_id = ${organisationId} AND rt.insee_code = ${commune}
       AND rc.convention_id IN (${conventionsActedUnderInForce(organisationId, onDate)}))`;
/** The same rule as the set of communes in reach (for `js.commune_insee IN (…)`: an index lookup of job_seekers per commune). */
export const communesInReachSql = (organisationId: string, onDate: string) =>
  `SELECT rt.insee_code FROM organisation_communes rt
    WHERE rt.organisation_id = ${organisationId}
      AND EXISTS (SELECT 1 FROM convention_communes rc WHERE rc.insee_code = rt.insee_code
                    AND rc.convention_id IN (${conventionsActedUnderInForce(organisationId, onDate)}))`;

/** communeInReachSql for one commune, asked alone. */
export async function communeInReach(db: Db, organisationId: string, communeInsee: string, onDate: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 WHERE ${communeInReachSql("$2", "$1::uuid", "$3::date")}`, [organisationId, communeInsee, onDate]);
  return rows.length > 0;
}

export async function conventionPartyOrganisationIds(
  db: Db,
  conventionId: string,
  onDate: string,
  side?: "france_travail" | "partner",
): Promise<string[]> {
  const rows = await db.query<{ organisation_id: string }>(
    `SELECT DISTINCT organisation_id FROM (${ACTING_PARTIES}) a WHERE a.convention_id = $1 AND ($3::text IS NULL OR a.side = $3)`,
    [conventionId, onDate, side ?? null],
  );
  return rows.map((r) => r.organisation_id);
}

/** When a convention applies: from its effective date (null until every party has signed) to its end or its termination. */
export async function conventionPeriod(db: Db, conventionId: string): Promise<{ number: string; effectiveOn: string | null; endsOn: string } | null> {
  const [row] = await db.query<{ number: string; effective_on: string | null; ends_on: string }>(
    "SELECT number, effective_on, LEAST(ends_on, terminated_on) AS ends_on FROM conventions WHERE id = $1",
    [conventionId],
  );
  return row ? { number: row.number, effectiveOn: row.effective_on, endsOn: row.ends_on } : null;
}

/** conventionPeriod for several conventions in one statement (the directory's partners, whatever their number of conventions). */
export async function conventionPeriods(db: Db, conventionIds: string[]): Promise<Map<string, { number: string; effectiveOn: string | null; endsOn: string }>> {
  if (conventionIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; number: string; effective_on: string | null; ends_on: string }>(
    "SELECT id, number, effective_on, LEAST(ends_on, terminated_on) AS ends_on FROM conventions WHERE id = ANY($1::uuid[])",
    [conventionIds],
  );
  return new Map(rows.map((r) => [r.id, { number: r.number, effectiveOn: r.effective_on, endsOn: r.ends_on }]));
}

/**
 * A convention's base terms with its amendments signed by every party (their date and changes),
 * read in the same statement: what termsOn needs, one round trip per page however many conventions.
 */
const TERMS_WITH_SIGNED_AMENDMENTS = `c.base_terms, COALESCE((SELECT json_agg(json_build_object('effectiveOn', a.effective_on, 'changes', a.changes) ORDER BY a.effective_on, a.number)
         FROM convention_amendments a WHERE a.convention_id = c.id AND ${AMENDMENT_SIGNED_SQL("a")}), '[]'::json) AS amendments`;
type TermsRow = { base_terms: ConventionTerms; amendments: { effectiveOn: string; changes: Record<string, unknown> }[] };

/** The global-support terms on a date of a convention every party has signed in Tandem; null otherwise (a draft runs nothing). */
export async function globalSupportTermsOf(db: Db, conventionId: string, onDate: string): Promise<{ number: string; terms: GlobalSupportTerms } | null> {
  const [row] = await db.query<TermsRow & { number: string }>(
    `SELECT c.number, ${TERMS_WITH_SIGNED_AMENDMENTS} FROM conventions c WHERE c.id = $1 AND ${FULLY_SIGNED_SQL("c")}`,
    [conventionId],
    { prepare: true },
  );
  const gs = row && termsOn(row.base_terms, row.amendments, onDate).programmes.globalSupport;
  return gs ? { number: row.number, terms: gs } : null;
}

/**
 * globalSupportTermsOf with the convention's last day (its end, or the day its termination takes
 * effect), read in the same statement: what the support context runs a case's commands against (ADR 0024).
 */
export async function globalSupportTermsAndEndOf(
  db: Db,
  conventionId: string,
  onDate: string,
): Promise<{ number: string; terms: GlobalSupportTerms; endsOn: string } | null> {
  const [row] = await db.query<TermsRow & { number: string; ends_on: string }>(
    `SELECT c.number, to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on, ${TERMS_WITH_SIGNED_AMENDMENTS}
       FROM conventions c WHERE c.id = $1 AND ${FULLY_SIGNED_SQL("c")}`,
    [conventionId],
    // Every case page and case command reads it: planned once per connection (ADR 0042).
    { prepare: true },
  );
  const gs = row && termsOn(row.base_terms, row.amendments, onDate).programmes.globalSupport;
  return gs ? { number: row.number, terms: gs, endsOn: row.ends_on } : null;
}

/**
 * The data clauses of a convention every party has signed in Tandem, as the terms stand on a date
 * (signed amendments applied): obligations with deadlines, each delay in its own unit (« 36 heures »
 * stays 36 hours) with its article, for the data-protection capability (purges, breach notices,
 * answers to the persons concerned). The destruction after the end is dated from the convention's
 * end or its termination. Null for a draft or an unknown convention (a draft exchanges nothing).
 */
export async function dataClausesOf(
  db: Db,
  conventionId: string,
  onDate: string,
): Promise<{ number: string; endsOn: string; processingLocation: string | null; source: string | null; obligations: DataObligation[] } | null> {
  const [row] = await db.query<TermsRow & { number: string; ends_on: string }>(
    `SELECT c.number, to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on, ${TERMS_WITH_SIGNED_AMENDMENTS}
       FROM conventions c WHERE c.id = $1 AND c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")}`,
    [conventionId],
  );
  if (!row) return null;
  const terms = termsOn(row.base_terms, row.amendments, onDate);
  return {
    number: row.number,
    endsOn: row.ends_on,
    processingLocation: terms.dataClauses?.processingLocation ?? null,
    source: terms.dataClauses?.source ?? null,
    obligations: dataObligations(terms, row.ends_on),
  };
}

/** The conventions in force on a date that run global support for the organisation, with their terms then: one statement. */
export async function findConventionsRunningGlobalSupport(
  db: Db,
  organisationId: string,
  onDate: string,
): Promise<{ conventionId: string; number: string; title: string; terms: GlobalSupportTerms }[]> {
  const rows = await db.query<TermsRow & { id: string; number: string; title: string }>(
    `SELECT c.id, c.number, c.title, ${TERMS_WITH_SIGNED_AMENDMENTS} FROM conventions c
      WHERE ${IN_FORCE} AND c.id IN (SELECT convention_id FROM (${ACTING_PARTIES}) a WHERE a.organisation_id = $1)
      ORDER BY c.number`,
    [organisationId, onDate],
    // Asked by every support page and command: planned once per connection (ADR 0042).
    { prepare: true },
  );
  const result = [];
  for (const r of rows) {
    const gs = termsOn(r.base_terms, r.amendments, onDate).programmes.globalSupport;
    if (gs) result.push({ conventionId: r.id, number: r.number, title: r.title, terms: gs });
  }
  return result;
}

/** Every organisation that may see a convention: parties at any date, successors, and their child organisations. */
export async function conventionReaderOrganisationIds(db: Db, conventionId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT organisation_id AS id FROM convention_parties WHERE convention_id = $1
     UNION SELECT o.id FROM organisations o JOIN convention_parties p ON o.parent_id = p.organisation_id WHERE p.convention_id = $1`,
    [conventionId],
  );
  return rows.map((r) => r.id);
}

/**
 * The organisations acting on a date under each of several conventions, in one statement: for the
 * presenters that authorise a page of cases at once (the job-seeker search) instead of one
 * conventionPartyOrganisationIds per case. Same rule (ACTING_PARTIES), keyed by convention.
 */
export async function conventionPartyOrganisationIdsByConvention(db: Db, conventionIds: string[], onDate: string): Promise<Map<string, string[]>> {
  const byConvention = new Map<string, string[]>(conventionIds.map((id) => [id, []]));
  if (conventionIds.length === 0) return byConvention;
  const rows = await db.query<{ convention_id: string; organisation_id: string }>(
    `SELECT DISTINCT convention_id, organisation_id FROM (${ACTING_PARTIES}) a WHERE a.convention_id = ANY($1::uuid[])`,
    [conventionIds, onDate],
  );
  for (const r of rows) byConvention.get(r.convention_id)?.push(r.organisation_id);
  return byConvention;
}

/**
 * The organisations acting on one side of several conventions, each on its own date, in one
 * statement: for a list of reviews authorised at once (each review on its day) instead of one
 * conventionPartyOrganisationIds per row. Same rule (actingParties); answers in the order asked.
 */
export async function conventionPartyOrganisationIdsOnDates(
  db: Db,
  asked: { conventionId: string; onDate: string }[],
  side?: "france_travail" | "partner",
): Promise<string[][]> {
  const answers: string[][] = asked.map(() => []);
  if (asked.length === 0) return answers;
  const rows = await db.query<{ n: number; organisation_id: string }>(
    `SELECT DISTINCT k.n::int AS n, a.organisation_id
       FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS k(convention_id, on_date, n)
       CROSS JOIN LATERAL (${actingParties("k.on_date")}) a
      WHERE a.convention_id = k.convention_id AND ($3::text IS NULL OR a.side = $3)`,
    [asked.map((a) => a.conventionId), asked.map((a) => a.onDate), side ?? null],
  );
  for (const r of rows) answers[r.n - 1].push(r.organisation_id);
  return answers;
}

/**
 * The conventions every party has signed in Tandem whose last day — their end, or the day their
 * termination takes effect — falls from `from` (null: any day before) to `to`: for the support
 * context, which warns before the end and lists the cases left open after it (ADR 0024).
 */
export async function conventionsEndingBetween(
  db: Db,
  from: string | null,
  to: string,
): Promise<{ id: string; number: string; title: string; endsOn: string; terminated: boolean }[]> {
  const rows = await db.query<{ id: string; number: string; title: string; ends_on: string; terminated: boolean }>(
    `SELECT c.id, c.number, c.title, to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on,
            (c.terminated_on IS NOT NULL AND c.terminated_on < c.ends_on) AS terminated
       FROM conventions c
      WHERE c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")}
        AND LEAST(c.ends_on, c.terminated_on) <= $2::date AND ($1::date IS NULL OR LEAST(c.ends_on, c.terminated_on) >= $1::date)
      ORDER BY LEAST(c.ends_on, c.terminated_on), c.number`,
    [from, to],
  );
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, endsOn: r.ends_on, terminated: r.terminated }));
}

/**
 * What the lists context needs to know of a convention to receive a France Travail list under it
 * on a date (ADR 0030): whether it is in force, whether its data exchange is suspended (a breach of
 * a data annex, `data_exchange_suspended_on`), what its terms say about lists (its kind, global
 * support, a retention delay for received lists, a département as partner) and its partner-side
 * organisations acting then. Null for an unknown convention or a draft.
 */
export type ListExchangeTerms = {
  conventionId: string;
  number: string;
  title: string;
  inForce: boolean;
  dataExchangeSuspendedOn: string | null;
  kind: string;
  runsGlobalSupport: boolean;
  hasReceivedListRetention: boolean;
  partnerIsDepartement: boolean;
  partnerOrganisationIds: string[];
  /** The partner-side organisations acting then that are départements (or act under one). */
  departementPartnerIds: string[];
};
type ListExchangeRow = TermsRow & {
  id: string;
  number: string;
  title: string;
  in_force: boolean;
  data_exchange_suspended_on: string | null;
  partner_ids: string[];
  departement_partner_ids: string[];
};
const LIST_EXCHANGE_SQL = `SELECT c.id, c.number, c.title, (${IN_FORCE}) AS in_force,
       to_char(c.data_exchange_suspended_on, 'YYYY-MM-DD') AS data_exchange_suspended_on,
       ARRAY(SELECT DISTINCT a.organisation_id FROM (${ACTING_PARTIES}) a WHERE a.convention_id = c.id AND a.side = 'partner') AS partner_ids,
       ARRAY(SELECT DISTINCT a.organisation_id FROM (${ACTING_PARTIES}) a JOIN organisations o ON o.id = a.organisation_id
              LEFT JOIN organisations parent ON parent.id = o.parent_id
              WHERE a.convention_id = c.id AND a.side = 'partner' AND (o.kind = 'departement' OR parent.kind = 'departement')) AS departement_partner_ids,
       ${TERMS_WITH_SIGNED_AMENDMENTS}
  FROM conventions c`;
const toListExchangeTerms = (r: ListExchangeRow, onDate: string): ListExchangeTerms => {
  const terms = termsOn(r.base_terms, r.amendments, onDate);
  return {
    conventionId: r.id,
    number: r.number,
    title: r.title,
    inForce: r.in_force,
    dataExchangeSuspendedOn: r.data_exchange_suspended_on,
    kind: terms.kind,
    runsGlobalSupport: Boolean(terms.programmes.globalSupport),
    hasReceivedListRetention: Boolean(terms.dataClauses?.receivedListRetention),
    partnerIsDepartement: r.departement_partner_ids.length > 0,
    partnerOrganisationIds: r.partner_ids,
    departementPartnerIds: r.departement_partner_ids,
  };
};

/** Holds a convention's row (FOR SHARE) until the caller's transaction ends: its terms cannot change meanwhile. */
export async function lockConventionForShare(tx: Db, conventionId: string): Promise<void> {
  await tx.query("SELECT 1 FROM conventions WHERE id = $1 FOR SHARE", [conventionId]);
}

export async function listExchangeTermsOf(db: Db, conventionId: string, onDate: string): Promise<ListExchangeTerms | null> {
  const [row] = await db.query<ListExchangeRow>(`${LIST_EXCHANGE_SQL} WHERE c.id = $1 AND c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")}`, [conventionId, onDate]);
  return row ? toListExchangeTerms(row, onDate) : null;
}

/** The same for every convention in force on a date where the organisation acts on the partner side: the conventions it may receive lists under. */
export async function listExchangeTermsForPartner(db: Db, organisationId: string, onDate: string): Promise<ListExchangeTerms[]> {
  const rows = await db.query<ListExchangeRow>(
    `${LIST_EXCHANGE_SQL} WHERE ${IN_FORCE}
        AND c.id IN (SELECT convention_id FROM (${ACTING_PARTIES}) a WHERE a.organisation_id = $1 AND a.side = 'partner')
      ORDER BY c.number`,
    [organisationId, onDate],
  );
  return rows.map((r) => toListExchangeTerms(r, onDate));
}

/**
 * The day from which the exchange of personal data between the parties under a convention is
 * suspended, if it is on `onDate` (ADR 0028); null otherwise. Suspended by a breach of its data
 * clauses where its file says so (`suspendDataExchangeAtOnce`, 003 annexe art. 10), or of its data
 * annex (a data-exchange convention `annexOf` it): the annex organises the exchanges of the
 * convention it is annexed to. The earliest day when both are.
 */
export async function dataExchangeSuspended(db: Db, conventionId: string, onDate: string): Promise<{ number: string; since: string } | null> {
  const [row] = await db.query<{ number: string; since: string | null }>(
    `SELECT c.number, to_char(min(x.data_exchange_suspended_on), 'YYYY-MM-DD') AS since
       FROM conventions c JOIN conventions x ON x.id = c.id OR (x.annex_of = c.number AND x.kind = 'data_exchange')
      WHERE c.id = $1 AND x.data_exchange_suspended_on <= $2::date
      GROUP BY c.number`,
    [conventionId, onDate],
  );
  return row?.since ? { number: row.number, since: row.since } : null;
}

/** Refuses an exchange of personal data between the parties under a convention while it is suspended (`what`: the act, for the message). */
export async function requireDataExchangeOpen(db: Db, conventionId: string, onDate: string, what: string): Promise<void> {
  const suspended = await dataExchangeSuspended(db, conventionId, onDate);
  if (suspended) throw conventionErrors.dataExchangeSuspended(suspended.number, suspended.since, what);
}

/** A convention's PEC terms (000 art. 3.1 a) as read by the pec context, with its employers' organisations resolved from their codes. */
export type PecTermsReading = { conventionId: string; number: string; title: string; endsOn: string; inForce: boolean; terms: PecTerms; employerOrganisationIds: string[] };

/**
 * The PEC terms of a convention every party has signed, as they stand on a date (signed amendments
 * applied), whether it is in force that day, and the employers' organisations. Null for a draft, an
 * unknown convention or one without PEC.
 */
export async function pecTermsOf(db: Db, conventionId: string, onDate: string): Promise<PecTermsReading | null> {
  const [row] = await db.query<TermsRow & { id: string; number: string; title: string; ends_on: string; in_force: boolean }>(
    `SELECT c.id, c.number, c.title, to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on, (${inForce("c", "$2::date")}) AS in_force,
            ${TERMS_WITH_SIGNED_AMENDMENTS}
       FROM conventions c WHERE c.id = $1 AND ${FULLY_SIGNED_SQL("c")}`,
    [conventionId, onDate],
  );
  return row ? pecReading(db, row, onDate) : null;
}

/** The conventions in force on a date that run PEC and under which the organisation acts (a party, a successor, a child of a party). */
export async function findConventionsRunningPec(db: Db, organisationId: string, onDate: string): Promise<PecTermsReading[]> {
  const rows = await db.query<TermsRow & { id: string; number: string; title: string; ends_on: string; in_force: boolean }>(
    `SELECT c.id, c.number, c.title, to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on, true AS in_force, ${TERMS_WITH_SIGNED_AMENDMENTS}
       FROM conventions c
      WHERE ${IN_FORCE} AND c.id IN (SELECT convention_id FROM (${ACTING_PARTIES}) a WHERE a.organisation_id = $1)
      ORDER BY c.number`,
    [organisationId, onDate],
  );
  const readings: PecTermsReading[] = [];
  for (const r of rows) {
    const reading = await pecReading(db, r, onDate);
    if (reading) readings.push(reading);
  }
  return readings;
}

async function pecReading(db: Db, row: TermsRow & { id: string; number: string; title: string; ends_on: string; in_force: boolean }, onDate: string): Promise<PecTermsReading | null> {
  const pec = termsOn(row.base_terms, row.amendments, onDate).programmes.pec;
  if (!pec) return null;
  const employers = await db.query<{ id: string }>("SELECT id FROM organisations WHERE code = ANY($1::text[]) ORDER BY code", [pec.employers]);
  return { conventionId: row.id, number: row.number, title: row.title, endsOn: row.ends_on, inForce: row.in_force, terms: pec, employerOrganisationIds: employers.map((e) => e.id) };
}

/**
 * A convention's PMSMP immersion terms on a date (ADR 0036), for the immersion context: the terms
 * (signed amendments applied), the hosting parties (by their codes in the file), the France Travail
 * organisations acting under it then (its prescribers, agencies of a signing direction included),
 * its period and whether it is in force. Null for a draft, an unknown convention, or one without immersions.
 */
export type ImmersionConvention = {
  conventionId: string;
  number: string;
  title: string;
  effectiveOn: string;
  endsOn: string;
  inForce: boolean;
  terms: ImmersionTerms;
  hosts: { id: string; code: string; name: string }[];
  franceTravailOrganisationIds: string[];
};
type ImmersionConventionRow = TermsRow & { id: string; number: string; title: string; effective_on: string; ends_on: string; in_force: boolean; ft_ids: string[] };
const IMMERSION_CONVENTION_SQL = `SELECT c.id, c.number, c.title, to_char(c.effective_on, 'YYYY-MM-DD') AS effective_on,
       to_char(LEAST(c.ends_on, c.terminated_on), 'YYYY-MM-DD') AS ends_on, (${IN_FORCE}) AS in_force,
       ARRAY(SELECT DISTINCT a.organisation_id FROM (${ACTING_PARTIES}) a WHERE a.convention_id = c.id AND a.side = 'france_travail') AS ft_ids,
       ${TERMS_WITH_SIGNED_AMENDMENTS}
  FROM conventions c`;
async function toImmersionConventions(db: Db, rows: ImmersionConventionRow[], onDate: string): Promise<ImmersionConvention[]> {
  const withTerms = rows.flatMap((r) => {
    const terms = termsOn(r.base_terms, r.amendments, onDate).programmes.immersion;
    return terms ? [{ r, terms }] : [];
  });
  if (withTerms.length === 0) return [];
  const hostRows = await db.query<{ convention_id: string; id: string; code: string; name: string }>(
    `SELECT p.convention_id, o.id, o.code, o.name FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = ANY($1::uuid[]) ORDER BY o.name`,
    [withTerms.map((w) => w.r.id)],
  );
  return withTerms.map(({ r, terms }) => ({
    conventionId: r.id,
    number: r.number,
    title: r.title,
    effectiveOn: r.effective_on,
    endsOn: r.ends_on,
    inForce: r.in_force,
    terms,
    hosts: hostRows.filter((h) => h.convention_id === r.id && terms.hosts.includes(h.code)).map((h) => ({ id: h.id, code: h.code, name: h.name })),
    franceTravailOrganisationIds: r.ft_ids,
  }));
}
export async function immersionTermsOf(db: Db, conventionId: string, onDate: string): Promise<ImmersionConvention | null> {
  const rows = await db.query<ImmersionConventionRow>(
    `${IMMERSION_CONVENTION_SQL} WHERE c.id = $1 AND c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")}`,
    [conventionId, onDate],
  );
  return (await toImmersionConventions(db, rows, onDate))[0] ?? null;
}
/** The conventions in force on a date under which the organisation acts (either side) and that run immersions. */
export async function immersionConventionsFor(db: Db, organisationId: string, onDate: string): Promise<ImmersionConvention[]> {
  const rows = await db.query<ImmersionConventionRow>(
    `${IMMERSION_CONVENTION_SQL} WHERE ${IN_FORCE} AND c.id IN (SELECT convention_id FROM (${ACTING_PARTIES}) a WHERE a.organisation_id = $1) ORDER BY c.number`,
    [organisationId, onDate],
  );
  return toImmersionConventions(db, rows, onDate);
}
