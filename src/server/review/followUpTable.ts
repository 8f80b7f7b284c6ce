import ExcelJS from "exceljs";
import { spreadsheetText, toFrenchCsv } from "../platform/frenchCsv.js";

/**
 * The follow-up table of a portfolio review (annex 1 of the Bas-Rhin convention [002]):
 * one row per person, with the pair, the origin, the dates, the status and the decision.
 */
export type FollowUpRow = {
  person: string;
  ftIdentifier: string;
  advisor: string;
  socialWorker: string;
  origin: string;
  orientedOn: string | null;
  enteredOn: string | null;
  renewedOn: string | null;
  exitedOn: string | null;
  status: string;
  decision: string;
  exitType: string | null;
  /** The version of the review that took the decision in force (a reopened review keeps the others). */
  decisionVersion: number | null;
};

export const FOLLOW_UP_HEADER = [
  "Personne",
  "Identifiant France Travail",
  "Conseiller",
  "Travailleur social",
  "Origine de l'orientation",
  "Date d'orientation",
  "Date d'entrée",
  "Date de renouvellement",
  "Date de sortie",
  "Statut",
  "Décision",
  "Type de sortie",
  "Version de la décision",
];

/** Calendar dates shown the French way (31/12/2024); the XLSX keeps real dates. */
const frenchDate = (d: string | null) => (d ? d.split("-").reverse().join("/") : "");
const asCells = (r: FollowUpRow) => [
  r.person,
  r.ftIdentifier,
  r.advisor,
  r.socialWorker,
  r.origin,
  r.orientedOn,
  r.enteredOn,
  r.renewedOn,
  r.exitedOn,
  r.status,
  r.decision,
  r.exitType ?? "",
  r.decisionVersion === null ? "" : String(r.decisionVersion),
];

export function followUpCsv(rows: FollowUpRow[]): string {
  return toFrenchCsv(
    FOLLOW_UP_HEADER,
    rows.map((r) => asCells(r).map((c, i) => (i >= 5 && i <= 8 ? frenchDate(c as string | null) : c))),
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
    sheet.addRow(asCells(r).map((c, i) => (i >= 5 && i <= 8 && c ? new Date(`${c}T00:00:00Z`) : c === null ? null : spreadsheetText(c))));
  }
  for (const col of [6, 7, 8, 9]) sheet.getColumn(col).numFmt = "dd/mm/yyyy";
  sheet.columns.forEach((column, i) => {
    column.width = [28, 16, 22, 22, 24, 14, 14, 14, 14, 16, 22, 20, 12][i];
  });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
