import ExcelJS from "exceljs";
import { z } from "zod";
import type { Period } from "../../domain/indicators/periods.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { EXIT_TYPE_LABELS, type ExitType } from "../../domain/support/vocabulary.js";
import { PeriodKeySchema } from "../../shared/contracts/indicators.js";
import { actingPartyIdsSql, communeInReachSql } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { caseRefOf } from "../support/supportAccess.js";
import { periodOfQuery } from "./indicatorDashboard.js";
import { indicatorConvention } from "./indicatorAccess.js";
import { caseAgencySql } from "./indicatorSql.js";
import { cellView } from "./presentFigures.js";

export const FseEvidenceQuerySchema = z.strictObject({ period: PeriodKeySchema.optional() });

export const fseErrors = {
  forbidden: () =>
    new AppError(
      403,
      "FSE_EVIDENCE_FORBIDDEN",
      "Les justificatifs FSE nomment les participants : ils sont réservés aux professionnels qui peuvent lire leurs accompagnements.",
    ),
};

type ParticipantRow = {
  case_id: string;
  last_name: string;
  first_name: string;
  ft_identifier: string;
  birth_date: string;
  commune: string;
  qpv: boolean;
  benefits: string[];
  entered_on: string;
  exited_on: string | null;
  exit_type: ExitType | null;
  agency: string | null;
  advisor_id: string | null;
  social_worker_id: string | null;
  oriented_by: string;
  orienter_organisation_id: string;
  advisor_organisation_id: string | null;
  social_worker_organisation_id: string | null;
  acting_party_ids: string[];
  in_user_territory: boolean;
};

const frenchDate = (d: string) => d.split("-").reverse().join("/");

/** The situation at exit as the FSE asks it: the exit's type, or still supported at the period's end. */
const situation = (r: ParticipantRow, period: Period) =>
  r.exited_on && r.exited_on <= period.to ? (r.exit_type ? EXIT_TYPE_LABELS[r.exit_type] : "Sortie (type non précisé)") : `En accompagnement au ${frenchDate(period.to)}`;

/**
 * The FSE evidence of a convention for a period (the year by default): every participant supported
 * during it — entered on or before its last day, not exited before its first — with entry and exit
 * dates, situation at exit and the agency the case had at the period's end or its exit. The file
 * names people, so each row is asked of `support.case.read` as the case page does; a user who may
 * read none of them is refused, the others' rows are only counted (masked under 5) at the head of
 * the file.
 */
export async function fseEvidence(db: Db, ctx: RequestContext & { user: SessionUser }, conventionId: string, query: z.infer<typeof FseEvidenceQuerySchema>, today = parisToday()) {
  const user = ctx.user;
  const period = periodOfQuery({ period: query.period, kind: "year" }, today);
  const convention = await indicatorConvention(db, conventionId, period.to);
  const rows = await db.query<ParticipantRow>(
    `SELECT sc.id AS case_id, js.last_name, js.first_name, js.ft_identifier, js.birth_date::text AS birth_date, js.commune_insee AS commune,
            js.qpv, js.benefits, sc.entered_on::text AS entered_on, sc.exited_on::text AS exited_on, sc.exit_type, ao.name AS agency,
            sc.advisor_id, sc.social_worker_id, sc.oriented_by, sc.orienter_organisation_id,
            adv.organisation_id AS advisor_organisation_id, sw.organisation_id AS social_worker_organisation_id,
            ${actingPartyIdsSql("sc.convention_id", "$4::date")} AS acting_party_ids,
            ${communeInReachSql("js.commune_insee", "$5::uuid", "$4::date")} AS in_user_territory
       FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
       LEFT JOIN organisations ao ON ao.id = (${caseAgencySql("LEAST($3::date, sc.exited_on)")})
       LEFT JOIN users adv ON adv.id = sc.advisor_id LEFT JOIN users sw ON sw.id = sc.social_worker_id
      WHERE sc.convention_id = $1 AND sc.entered_on IS NOT NULL AND sc.entered_on <= $3::date
        AND (sc.exited_on IS NULL OR sc.exited_on >= $2::date)
      ORDER BY sc.entered_on, js.last_name, js.first_name, sc.id`,
    [conventionId, period.from, period.to, today, user.organisationId],
  );
  const readable = rows.filter((r) => can(user, "support.case.read", caseRefOf(r, r)));
  if (readable.length === 0) throw fseErrors.forbidden();
  await auditRead(db, ctx, {
    action: "indicators.fse_evidence_exported",
    subjectType: "convention",
    subjectId: conventionId,
    details: { period: period.key, count: readable.length },
  });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tandem";
  const sheet = workbook.addWorksheet("Participants");
  sheet.addRow([`Justificatifs FSE — convention ${convention.number} — ${convention.title}`]).font = { bold: true };
  sheet.addRow([`Période : ${period.label} (du ${frenchDate(period.from)} au ${frenchDate(period.to)}). Extrait le ${frenchDate(today)}.`]);
  const others = rows.length - readable.length;
  sheet.addRow([
    others === 0
      ? "Tous les participants de la période figurent dans ce fichier."
      : `Participants que vous ne pouvez pas lire, non nommés ici : ${cellView({ n: others, k: 0, median: null }, "personnes", true).display}.`,
  ]);
  sheet.addRow([]);
  sheet.addRow(["Nom", "Prénom", "Identifiant France Travail", "Date de naissance", "Commune (INSEE)", "QPV", "Allocations", "Date d’entrée", "Date de sortie", "Situation à la sortie", "Agence"]).font = { bold: true };
  for (const r of readable) {
    const exited = r.exited_on && r.exited_on <= period.to ? r.exited_on : null;
    sheet.addRow([
      r.last_name,
      r.first_name,
      r.ft_identifier,
      frenchDate(r.birth_date),
      r.commune,
      r.qpv ? "oui" : "non",
      r.benefits.join(", "),
      frenchDate(r.entered_on),
      exited ? frenchDate(exited) : "",
      situation(r, period),
      r.agency ?? "",
    ]);
  }
  sheet.columns.forEach((c, n) => {
    c.width = [20, 16, 22, 14, 14, 6, 16, 12, 12, 28, 36][n] ?? 16;
  });
  return { convention, period, file: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
