import ExcelJS from "exceljs";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { STATUS_LABELS } from "../../domain/support/vocabulary.js";
import type { PortfolioExportQuery } from "../../shared/contracts/support.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { spreadsheetText } from "../platform/frenchCsv.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { type PortfolioRow, portfolioFilter, portfolioRowsSql, toPortfolioItem } from "./listPortfolio.js";
import { authorizeSupportUse, conventionsOf } from "./supportAccess.js";

export const PORTFOLIO_EXPORT_HEADER = [
  "Personne",
  "Identifiant France Travail",
  "Statut",
  "Prochaine échéance",
  "Date de l’échéance",
  "Urgence",
  "Conseiller",
  "Travailleur social",
  "RSA",
  "QPV",
  "Mon rôle",
];
const URGENCY_LABELS = { overdue: "En retard", soon: "Bientôt", later: "À venir" } as const;
const ROLE_LABELS = { advisor: "Conseiller", social_worker: "Travailleur social", orienter: "Orienteur" } as const;

/**
 * « Mon portefeuille » as a spreadsheet: exactly the rows the portfolio holds with the filters the
 * caller set (every page), in the same order; audited with its row count and filters. Text cells
 * that a spreadsheet would run as a formula are neutralised (spreadsheetText).
 */
export async function exportPortfolio(db: Db, ctx: RequestContext & { user: SessionUser }, q: PortfolioExportQuery, today = parisToday()): Promise<Buffer> {
  authorizeSupportUse(ctx.user, await conventionsOf(db, ctx.user, today));
  const { where, params } = portfolioFilter(ctx.user, q);
  const rows = await db.query<PortfolioRow>(portfolioRowsSql(q, where), params);
  await auditRead(db, ctx, { action: "support.portfolio_exported", subjectType: "support_case", details: { count: rows.length, filters: q } });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tandem";
  const sheet = workbook.addWorksheet("Mon portefeuille");
  sheet.addRow([spreadsheetText(`Mon portefeuille — ${ctx.user.firstName} ${ctx.user.lastName} — extrait le ${today.split("-").reverse().join("/")}`)]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow(PORTFOLIO_EXPORT_HEADER).font = { bold: true };
  for (const r of rows) {
    const item = toPortfolioItem(r, ctx.user, today);
    const text = (v: string | null) => (v === null ? null : spreadsheetText(v));
    sheet.addRow([
      text(item.person.name),
      text(item.person.ftIdentifier),
      STATUS_LABELS[item.status],
      text(item.nextDeadline?.label ?? null),
      item.nextDeadline ? new Date(`${item.nextDeadline.dueOn}T00:00:00Z`) : null,
      item.nextDeadline ? URGENCY_LABELS[item.nextDeadline.urgency] : null,
      text(item.advisor),
      text(item.socialWorker),
      item.person.rsa ? "Oui" : "Non",
      item.person.qpv ? "Oui" : "Non",
      ROLE_LABELS[item.myRole],
    ]);
  }
  sheet.getColumn(5).numFmt = "dd/mm/yyyy";
  sheet.columns.forEach((column, i) => {
    column.width = [28, 18, 24, 40, 14, 12, 24, 24, 6, 6, 18][i];
  });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
