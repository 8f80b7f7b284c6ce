import PDFDocument from "pdfkit";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { PecContractDto } from "../../shared/contracts/pec.js";

const BLUE = "#000091";
const GREY = "#666666";
const NBSP = "\u00a0";

/**
 * The work-experience certificate (000 art. 3.1 a: « l'employeur doit établir une attestation
 * d'expérience professionnelle qu'il remet au salarié … Cette attestation ne revêt pas de formalisme
 * particulier »): the employer, the employee, the post and its dates, the tutor's part (missions,
 * skills acquired, trainings), the employer's recorded signature.
 */
export function pecCertificatePdf(c: PecContractDto): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = "Attestation d’expérience professionnelle";
    const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 60, left: 56, right: 56 }, info: { Title: title, Author: c.employer, Subject: "Parcours emploi compétences" }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    doc.on("data", (b: Buffer) => chunks.push(b));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font("Helvetica-Bold").fontSize(11).text(c.employer);
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text(`Parcours emploi compétences — convention n°${NBSP}${c.conventionNumber}`);
    doc.moveDown(1.5).font("Helvetica-Bold").fontSize(16).fillColor(BLUE).text(title, { width, align: "center" });
    doc.moveDown(1).fillColor("black").font("Helvetica").fontSize(10);
    doc.text(
      `${c.employer} atteste que ${c.employee} a occupé le poste « ${c.offerTitle} » en parcours emploi compétences, ${c.weeklyHours}${NBSP}heures par semaine, du ${frenchDate(c.startsOn)} au ${frenchDate(c.exit?.exitOn ?? c.endsOn)}.`,
      { width },
    );
    if (c.tutor) doc.moveDown(0.5).text(`Tuteur : ${c.tutor.name}, ${c.tutor.jobTitle}.`, { width });
    const section = (heading: string, body: string | null) => {
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text(heading, left);
      doc.moveDown(0.3).font("Helvetica").fontSize(10).fillColor("black").text(body || "—", { width });
    };
    section("Missions exercées", c.certificate.missions);
    section("Compétences acquises", c.certificate.skillsAcquired);
    if (c.meeting && c.meeting.skills.length > 0) section("Compétences visées à l’entretien tripartite", c.meeting.skills.map((s) => `${s.label} (${s.code})`).join(" ; "));
    section("Formations suivies", c.certificate.trainings);
    doc.moveDown(2).font("Helvetica").fontSize(10);
    if (c.certificate.signedOn) {
      doc.text(`Fait le ${frenchDate(c.certificate.signedOn)}, pour l’employeur : ${c.certificate.signerName} (signature enregistrée dans Tandem).`, { width });
    } else {
      doc.fillColor("#b34000").text("Projet — l’attestation n’est pas encore signée par l’employeur.", { width });
    }
    doc.end();
  });
}
