import PDFDocument from "pdfkit";
import { frenchDate } from "../../../domain/shared/calendarDate.js";
import type { PersonalDataHeld } from "../../support/personalDataHeld.js";

/** The answer to an access request [RGPD art. 15]: what Tandem holds about the person, by category, with its source and recipients. */
export type AccessAnswer = {
  organisation: string;
  dpoName: string;
  conventionNumber: string;
  receivedOn: string;
  answeredOn: string;
  answer: string;
  held: PersonalDataHeld;
};

const BLUE = "#000091";
const GREY = "#666666";
const NBSP = "\u00a0";

/** A letter as the State writes them: the Marianne block, the organisation, the person, then each category of data held. */
export function accessAnswerPdf(a: AccessAnswer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = "Réponse à votre demande d’accès à vos données personnelles";
    const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 60, left: 56, right: 56 }, bufferPages: true, info: { Title: title, Author: a.organisation }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font("Helvetica-Bold").fontSize(13).fillColor("black").text("RÉPUBLIQUE\nFRANÇAISE", left, 50, { lineGap: -1 });
    doc.font("Helvetica-Oblique").fontSize(8).text("Liberté\nÉgalité\nFraternité", { lineGap: -1 });
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(10).text(a.organisation, { width: width / 2 });
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text(`Délégué à la protection des données : ${a.dpoName}`, { width: width / 2 });
    doc.moveDown(2).x = left;

    doc.font("Helvetica-Bold").fontSize(15).fillColor(BLUE).text(title, { width, align: "center" });
    doc.moveDown(1).font("Helvetica").fontSize(10).fillColor("black");
    const field = (label: string, value: string) => doc.font("Helvetica-Bold").text(`${label}${NBSP}: `, { continued: true }).font("Helvetica").text(value);
    field("Personne concernée", a.held.person.name);
    field("Demande reçue le", frenchDate(a.receivedOn));
    field("Réponse du", frenchDate(a.answeredOn));
    field("Convention", a.conventionNumber);
    doc.moveDown(0.8).text(a.answer, { width });
    doc.moveDown(0.5).text("Vous trouverez ci-dessous les données vous concernant que Tandem conserve pour notre organisation, par catégorie, avec leur origine et les destinataires à qui elles sont communiquées.", { width });

    for (const c of a.held.categories) {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text(c.title, left, doc.y, { width });
      doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor(BLUE).lineWidth(0.8).stroke();
      doc.moveDown(0.5).font("Helvetica").fontSize(10).fillColor("black");
      if (c.lines.length === 0) doc.text("Aucune donnée de cette catégorie.", left, doc.y, { width });
      for (const line of c.lines) doc.text(`•  ${line}`, left, doc.y, { width });
      doc.moveDown(0.3).fontSize(9).fillColor(GREY);
      doc.text(`Source : ${c.source}`, left, doc.y, { width });
      doc.text(`Destinataires : ${c.recipients}`, left, doc.y, { width });
    }
    if (a.held.withheld.length > 0) {
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text("Données communiquées par d’autres professionnels", left, doc.y, { width });
      doc.moveDown(0.5).font("Helvetica").fontSize(10).fillColor("black");
      for (const w of a.held.withheld) doc.text(`•  ${w}`, left, doc.y, { width });
    }
    doc.moveDown(1.5).font("Helvetica").fontSize(9).fillColor(GREY).text(
      "Vous pouvez demander la rectification de données inexactes, l’effacement ou la limitation de certaines données, ou vous opposer à leur traitement, auprès du délégué à la protection des données, et introduire une réclamation auprès de la CNIL (www.cnil.fr).",
      left,
      doc.y,
      { width },
    );

    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("Helvetica").fontSize(8).fillColor(GREY).text(`${title} — ${frenchDate(a.answeredOn)} — page ${i + 1} sur ${pages.count}`, left, doc.page.height - 40, { width, align: "center" });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
