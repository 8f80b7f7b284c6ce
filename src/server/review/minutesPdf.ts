import PDFDocument from "pdfkit";

/** The minutes of a portfolio review: who met, when, and every decision taken. */
export type Minutes = {
  title: string;
  heldOn: string;
  agencies: string[];
  secretariat: string;
  participants: string[];
  version: number;
  /** Every decision in force after this version, each with the version of the review that took it. */
  decisions: MinutesDecision[];
};
export type MinutesDecision = { person: string; decision: string; note: string | null; version: number };

const frenchDate = (d: string) => d.split("-").reverse().join("/");

export function minutesPdf(m: Minutes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: m.title, Author: "Tandem" }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);

    doc.fontSize(16).text(m.title, { underline: false });
    doc.moveDown(0.5).fontSize(10).fillColor("#555").text(`Version ${m.version} — séance du ${frenchDate(m.heldOn)}`);
    doc.fillColor("black").moveDown();
    doc.fontSize(11).text(`Agences : ${m.agencies.join(", ")}`);
    doc.text(`Secrétariat : ${m.secretariat}`);
    doc.text(`Participants : ${m.participants.join(", ") || "—"}`);
    doc.moveDown().fontSize(13).text(`Décisions (${m.decisions.length})`);
    doc.moveDown(0.5).fontSize(10);
    m.decisions.forEach((d, i) => {
      doc.text(`${i + 1}. ${d.person} — ${d.decision}${d.note ? ` (${d.note})` : ""} — décision de la version ${d.version}`);
    });
    if (m.decisions.length === 0) doc.text("Aucune décision.");
    doc.end();
  });
}
