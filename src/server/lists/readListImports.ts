import { LIST_KINDS, listsProvidedBy } from "../../domain/lists/listKinds.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { ListImport } from "../../shared/contracts/lists.js";
import { conventionPeriod, listExchangeTermsForPartner } from "../convention/conventionTerms.js";
import { findUserById } from "../identity/userRepository.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import { listErrors } from "./listErrors.js";
import type { UserContext } from "./listImportCommand.js";
import { findListImport, type ListImportRow } from "./listImportRepository.js";
import { allowedDecisions } from "./manageListImport.js";

/** The conventions the user's organisation may receive lists under today, with the lists each provides. */
export async function listImportOptions(db: Db, ctx: UserContext) {
  authorize(ctx.user, "list.import.start");
  const conventions = await listExchangeTermsForPartner(db, ctx.user.organisationId, parisToday());
  return {
    conventions: conventions
      .map((c) => ({
        conventionId: c.conventionId,
        number: c.number,
        title: c.title,
        suspendedOn: c.dataExchangeSuspendedOn,
        sources: listsProvidedBy(c)
          .filter((source) => source !== "rsa_monthly" || c.departementPartnerIds.includes(ctx.user.organisationId))
          .map((source) => ({ source, label: LIST_KINDS[source].label, articles: LIST_KINDS[source].source })),
      }))
      .filter((c) => c.sources.length > 0),
  };
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
const personName = async (db: Db, userId: string) => {
  const u = await findUserById(db, userId);
  return u ? `${u.first_name} ${u.last_name}` : "—";
};

async function present(db: Db, imp: ListImportRow): Promise<ListImport> {
  const convention = await conventionPeriod(db, imp.convention_id);
  return {
    id: imp.id,
    source: imp.source,
    sourceLabel: LIST_KINDS[imp.source].label,
    conventionId: imp.convention_id,
    conventionNumber: convention?.number ?? "—",
    fileName: imp.file_name,
    fileFormat: imp.file_format,
    fileBytes: Number(imp.file_bytes),
    encoding: imp.encoding,
    status: imp.status,
    receivedAt: iso(imp.received_at) as string,
    receivedBy: await personName(db, imp.created_by),
    checkedAt: iso(imp.checked_at),
    appliedAt: iso(imp.applied_at),
    rowsTotal: imp.rows_total,
    rowsDone: imp.rows_done,
    rowsValid: imp.rows_valid,
    issueCount: imp.issue_count,
    duplicateCount: imp.duplicate_count,
    fatalError: imp.fatal_error,
    peopleCreated: imp.people_created,
    peopleLinked: imp.people_linked,
    rowsSkipped: imp.rows_skipped,
    purgeOn: imp.purge_on,
    purgeRule: imp.purge_rule,
    header: imp.header,
    mapping: imp.mapping,
    fields: LIST_KINDS[imp.source].fields.map(({ field, label, required, source }) => ({ field, label, required, source })),
    confirmable: imp.status === "checked" && imp.issue_count === 0 && !imp.fatal_error,
  };
}

/** One import (its progress while checking): no person's data, so no audited read. */
export async function getListImport(db: Db, ctx: UserContext, importId: string): Promise<ListImport> {
  const imp = await findListImport(db, importId);
  if (!imp) throw listErrors.importNotFound();
  authorize(ctx.user, "list.import.read", { organisationId: imp.organisation_id });
  return present(db, imp);
}

/** The received files of the user's organisation, newest first, paged in SQL. */
export async function listListImports(db: Db, ctx: UserContext, page: number, pageSize: number) {
  authorize(ctx.user, "list.import.read", { organisationId: ctx.user.organisationId });
  const rows = await db.query<ListImportRow & { total: string; received_by: string }>(
    `SELECT i.id, i.source, i.convention_id, i.file_name, i.status, i.received_at, i.rows_done, i.rows_total, i.issue_count, i.created_by,
            to_char(i.purge_on, 'YYYY-MM-DD') AS purge_on, count(*) OVER () AS total
       FROM list_imports i WHERE i.organisation_id = $1 ORDER BY i.received_at DESC, i.id LIMIT $2 OFFSET $3`,
    [ctx.user.organisationId, pageSize, (page - 1) * pageSize],
  );
  const names = new Map<string, string>();
  const numbers = new Map<string, string>();
  for (const r of rows) {
    if (!names.has(r.created_by)) names.set(r.created_by, await personName(db, r.created_by));
    if (!numbers.has(r.convention_id)) numbers.set(r.convention_id, (await conventionPeriod(db, r.convention_id))?.number ?? "—");
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      sourceLabel: LIST_KINDS[r.source].label,
      conventionNumber: numbers.get(r.convention_id) as string,
      fileName: r.file_name,
      status: r.status,
      receivedAt: iso(r.received_at) as string,
      receivedBy: names.get(r.created_by) as string,
      rowsDone: r.rows_done,
      rowsTotal: r.rows_total,
      issueCount: r.issue_count,
      purgeOn: r.purge_on,
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}

async function authorisedImport(db: Db, ctx: UserContext, importId: string) {
  const imp = await findListImport(db, importId);
  if (!imp) throw listErrors.importNotFound();
  authorize(ctx.user, "list.import.read", { organisationId: imp.organisation_id });
  return imp;
}

/** The dry-run report, a page at a time (line, column, value, message): values are personal data, the read is audited. */
export async function listImportIssues(db: Db, ctx: UserContext, importId: string, page: number, pageSize: number) {
  const imp = await authorisedImport(db, ctx, importId);
  const items = await db.query<{ line: number; column: string | null; value: string | null; message: string }>(
    `SELECT line, column_name AS column, value, message FROM list_import_issues WHERE import_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
    [imp.id, pageSize, (page - 1) * pageSize],
  );
  const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM list_import_issues WHERE import_id = $1", [imp.id]);
  await auditRead(db, ctx, { action: "list_import.read", subjectType: "list_import", subjectId: imp.id, details: { part: "issues", page } });
  return { items, total: n, page, pageSize };
}

/** The duplicate lines (inside the file, or people already known), with their decision and the choices open to each. */
export async function listImportDuplicates(db: Db, ctx: UserContext, importId: string, page: number, pageSize: number) {
  const imp = await authorisedImport(db, ctx, importId);
  const rows = await db.query<{
    line: number;
    ft_identifier: string;
    name: string;
    birth_date: string | null;
    duplicate_of_line: number | null;
    same_identifier: boolean;
    existing_job_seeker_id: string | null;
    existing_match: "identifier" | "identity" | null;
    decision: "keep" | "skip" | "merge";
    total: string;
  }>(
    `SELECT r.line, r.ft_identifier, r.last_name || ' ' || r.first_name AS name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.duplicate_of_line,
            COALESCE(f.ft_identifier = r.ft_identifier, false) AS same_identifier, r.existing_job_seeker_id, r.existing_match, r.decision, count(*) OVER () AS total
       FROM list_import_rows r LEFT JOIN list_import_rows f ON f.import_id = r.import_id AND f.line = r.duplicate_of_line
      WHERE r.import_id = $1 AND (r.duplicate_of_line IS NOT NULL OR r.existing_job_seeker_id IS NOT NULL)
      ORDER BY r.line LIMIT $2 OFFSET $3`,
    [imp.id, pageSize, (page - 1) * pageSize],
  );
  await auditRead(db, ctx, { action: "list_import.read", subjectType: "list_import", subjectId: imp.id, details: { part: "duplicates", page } });
  return {
    items: rows.map((r) => ({
      line: r.line,
      ftIdentifier: r.ft_identifier,
      name: r.name,
      birthDate: r.birth_date,
      duplicateOfLine: r.duplicate_of_line,
      existing: r.existing_job_seeker_id && r.existing_match ? { jobSeekerId: r.existing_job_seeker_id, match: r.existing_match } : null,
      decision: r.decision,
      allowed: allowedDecisions(imp.source, { duplicateOfLine: r.duplicate_of_line, sameIdentifierAsFirst: r.same_identifier, existingMatch: r.existing_match }),
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}
