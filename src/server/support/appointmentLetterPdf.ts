import PDFDocument from "pdfkit";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { APPOINTMENT_MODALITY_LABELS } from "../../domain/support/appointments.js";
import { type Convocation, frenchTime, longFrenchDate, WHAT_TO_BRING } from "./appointmentConvocation.js";

/**
 * The convocation letter: the professional's organisation writes to the person (their postal
 * address when one is recorded), with the date, time, place or modality, the professional and
 * what to bring. Nothing of the case itself (notes, barriers, decisions) is printed.
 */
export function appointmentLetterPdf(c: Convocation, today: string, postalAddress: string | null = null): Promise<Buffer> {
  const title = `Convocation au rendez-vous du ${frenchDate(c.on)} à ${frenchTime(c.time)}`;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 60,
      lang: "fr-FR",
      info: { Title: title, Author: c.professional.organisation, Subject: "Accompagnement global", Creator: "Tandem" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);

    // Sender, top left; addressee, on the right as a window envelope expects it.
    doc.font("Helvetica-Bold").fontSize(12).text(c.professional.organisation);
    doc.font("Helvetica").fontSize(9).fillColor("#555").text("Accompagnement global — France Travail et ses partenaires");
    doc.fillColor("black").moveDown(2);
    const right = { width: 230 };
    doc.fontSize(11).text(`${c.person.firstName} ${c.person.lastName}`, 305, doc.y, right);
    if (postalAddress) doc.text(postalAddress, 305, doc.y, right);
    doc.moveDown(2).text(`Le ${frenchDate(today)}`, 305, doc.y, right);
    doc.x = 60;
    doc.moveDown(2).font("Helvetica-Bold").text("Objet : convocation à un rendez-vous d’accompagnement global", 60);
    doc.font("Helvetica").moveDown();
    doc.text("Madame, Monsieur,");
    doc.moveDown(0.5).text(`Vous êtes attendu(e) à un rendez-vous ${c.kind === "social" ? "social" : "professionnel"} dans le cadre de votre accompagnement global :`);
    doc.moveDown(0.5);
    const line = (label: string, value: string) => {
      doc.font("Helvetica-Bold").text(`${label} : `, { continued: true }).font("Helvetica").text(value);
    };
    line("Date", longFrenchDate(c.on));
    line("Heure", frenchTime(c.time));
    line("Modalité", APPOINTMENT_MODALITY_LABELS[c.modality]);
    if (c.modality === "in_person") line("Lieu", c.place ?? "");
    if (c.modality === "phone") line("Appel", `${c.professional.name} vous appellera`);
    if (c.modality === "video") line("Lien de connexion", c.videoLink ?? "");
    line("Avec", `${c.professional.name} (${c.professional.organisation})`);
    doc.moveDown().text(`Merci d’apporter ${WHAT_TO_BRING[c.kind]}.`);
    doc.moveDown(0.5).text(`Si vous ne pouvez pas venir, prévenez ${c.professional.name} (${c.professional.email}) afin de convenir d’une autre date.`);
    doc.moveDown().text("Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.");
    doc.moveDown(2).text(c.professional.name, 305, doc.y, right).text(c.professional.organisation, 305, doc.y, right);
    doc.end();
  });
}
