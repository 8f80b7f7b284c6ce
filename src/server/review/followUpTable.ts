import ExcelJS from "exceljs";
import { spreadsheetText, toFrenchCsv } from "../platform/frenchCsv.js";

/**
 * The follow-up table of a portfolio review (annex 1 of the Bas-Rhin convention [002]):
 * one row per person, with the pair, the origin, RSA and QPV, the dates, the status and the decision.
 */
export type FollowUpRow = {
  person: string;
  ftIdentifier: string;
  advisor: string;
  socialWorker: string;
  origin: string;
  rsa: boolean;
  qpv: boolean;
  orientedOn: string | null;
  enteredOn: string | null;
  /** The end of the current support period (initial or renewed). */
  periodEndsOn: string | null;
  renewedOn: string | null;
  exitedOn: string | null;
  status: string;
  decision: string;
  exitType: string | null;
  decisionNote: string | null;
  /** The version of the review that took the decision in force (a reopened review keeps the others). */
  decisionVersion: number | null;
};

type Column = { header: string; width: number; cell: (r: FollowUpRow) => string | null; date?: true };
const yesNo = (b: boolean) => (b ? "Oui" : "Non");

/** The columns, in order: one list for the header, the cells, the CSV and the XLSX. */
const COLUMNS: Column[] = [
  { header: "Personne", width: 28, cell: (r) => r.person },
  { header: "Identifiant France Travail", width: 16, cell: (r) => r.ftIdentifier },
  { header: "Conseiller", width: 22, cell: (r) => r.advisor },
  { header: "Travailleur social", width: 22, cell: (r) => r.socialWorker },
  { header: "Origine de l’orientation", width: 24, cell: (r) => r.origin },
  { header: "RSA", width: 7, cell: (r) => yesNo(r.rsa) },
  { header: "QPV", width: 7, cell: (r) => yesNo(r.qpv) },
  { header: "Date d’orientation", width: 14, cell: (r) => r.orientedOn, date: true },
  { header: "Date d’entrée", width: 14, cell: (r) => r.enteredOn, date: true },
  { header: "Fin de période", width: 14, cell: (r) => r.periodEndsOn, date: true },
  { header: "Date de renouvellement", width: 14, cell: (r) => r.renewedOn, date: true },
  { header: "Date de sortie", width: 14, cell: (r) => r.exitedOn, date: true },
  { header: "Statut", width: 16, cell: (r) => r.status },
  { header: "Décision", width: 22, cell: (r) => r.decision },
  { header: "Type de sortie", width: 20, cell: (r) => r.exitType ?? "" },
  { header: "Note de la décision", width: 36, cell: (r) => r.decisionNote ?? "" },
  { header: "Version de la décision", width: 12, cell: (r) => (r.decisionVersion === null ? "" : String(r.decisionVersion)) },
];

export const FOLLOW_UP_HEADER = COLUMNS.map((c) => c.header);

/** Calendar dates shown the French way (31/12/2024); the XLSX keeps real dates. */
const frenchDate = (d: string | null) => (d ? d.split("-").reverse().join("/") : "");

export function followUpCsv(rows: FollowUpRow[]): string {
  return toFrenchCsv(
    FOLLOW_UP_HEADER,
    rows.map((r) => COLUMNS.map((c) => (c.date ? frenchDate(c.cell(r)) : c.cell(r)))),
  );
}

export async function followUpXlsx(rows: FollowUpRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tandem";
  const sheet = workbook.addWorksheet("Tableau de suivi");
  sheet.addRow([spreadsheetText(title)]).font = { bold: true, size: 13 };
  const header = sheet.addRow(FOLLOW_UP_HEADER);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3E3FD" } };
  for (const r of rows) {
    // Dates as real dates; every text through the same neutralisation as the CSV (no formula runs).
    sheet.addRow(
      COLUMNS.map((c) => {
        const value = c.cell(r);
        if (c.date) return value ? new Date(`${value}T00:00:00Z`) : null;
        return value === null ? null : spreadsheetText(value);
      }),
    );
  }
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.date) column.numFmt = "dd/mm/yyyy";
  });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
