import PDFDocument from "pdfkit";

/** The minutes of a portfolio review: who met, when, under which convention, every decision in force and what was left undecided. */
export type Minutes = {
  /** The organisation that writes the minutes: the secretariat's side [002 art. 5.2 a)]. */
  issuer: string;
  conventionNumber: string;
  conventionTitle: string;
  sequence: number;
  /** « bimestrielle », « tous les 5 mois »: the convention's cadence (domain/shared/cadence.ts). */
  cadence: string;
  heldOn: string;
  place: string;
  agencies: string[];
  secretariat: string;
  participants: { name: string; organisation: string }[];
  version: number;
  /** Every decision in force after this version, each with the version of the review that took it. */
  decisions: MinutesDecision[];
  undecided: { person: string; reasons: string }[];
  /** One signature box per co-chair: the France Travail side and the partners' side. */
  coChairs: { side: string; organisation: string }[];
};
export type MinutesDecision = {
  person: string;
  decision: string;
  note: string | null;
  version: number;
  /** When a reopening corrected it: « Renouvellement (version 1) ». */
  replaces: string | null;
};

const frenchDate = (d: string) => d.split("-").reverse().join("/");
const BLUE = "#000091";
const GREY = "#666666";
const LINE = "#dddddd";
const NBSP = "\u00a0";

/**
 * An administrative document as the State writes them: the Marianne block (« République française »
 * and the motto, as text), the issuing organisation, the convention, the session, the participants,
 * the decisions, the cases left undecided, the version and what it replaces, the co-chairs' signatures.
 */
export function minutesPdf(m: Minutes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `Compte rendu de la revue de portefeuille ${m.cadence} n°${NBSP}${m.sequence}`;
    const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 60, left: 56, right: 56 }, bufferPages: true, info: { Title: title, Author: m.issuer, Subject: m.conventionNumber }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    // The Marianne block, then the issuing organisation under it; the convention on the right.
    doc.font("Helvetica-Bold").fontSize(13).fillColor("black").text("RÉPUBLIQUE\nFRANÇAISE", left, 50, { lineGap: -1 });
    doc.font("Helvetica-Oblique").fontSize(8).text("Liberté\nÉgalité\nFraternité", { lineGap: -1 });
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(10).text(m.issuer, { width: width / 2 });
    const blockBottom = doc.y;
    doc.font("Helvetica").fontSize(9).fillColor(GREY);
    doc.text(`Convention n°${NBSP}${m.conventionNumber}`, left + width / 2, 50, { width: width / 2, align: "right" });
    doc.text(m.conventionTitle, { width: width / 2, align: "right" });
    doc.text(`Version ${m.version} du compte rendu`, { width: width / 2, align: "right" });
    doc.y = Math.max(doc.y, blockBottom) + 24;

    doc.x = left;
    doc.font("Helvetica-Bold").fontSize(16).fillColor(BLUE).text(title, { width, align: "center" });
    doc.font("Helvetica").fontSize(10).fillColor("black").moveDown(0.3).text(`Séance du ${frenchDate(m.heldOn)}`, { width, align: "center" });
    if (m.version > 1) {
      doc
        .moveDown(0.5)
        .font("Helvetica-Bold")
        .fillColor("#b34000")
        .text(`Version ${m.version} : remplace la version ${m.version - 1} de ce compte rendu après réouverture de la revue.`, { width, align: "center" });
    }
    doc.fillColor("black").moveDown(1);

    const field = (label: string, value: string) => {
      doc.font("Helvetica-Bold").fontSize(10).text(`${label}${NBSP}: `, { continued: true }).font("Helvetica").text(value);
    };
    field("Date", frenchDate(m.heldOn));
    field("Lieu", m.place);
    field("Agences", m.agencies.join(", "));
    field("Secrétariat", m.secretariat);

    const heading = (text: string) => {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text(text, left);
      doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor(BLUE).lineWidth(0.8).stroke();
      doc.moveDown(0.6).fillColor("black").font("Helvetica").fontSize(10);
    };

    heading(`Participants (${m.participants.length})`);
    if (m.participants.length === 0) doc.text("—");
    for (const p of m.participants) doc.text(`•  ${p.name} — ${p.organisation}`);

    heading(`Décisions (${m.decisions.length})`);
    if (m.decisions.length === 0) doc.text("Aucune décision.");
    m.decisions.forEach((d, i) => {
      if (doc.y > doc.page.height - 120) doc.addPage();
      doc.font("Helvetica-Bold").text(`${i + 1}. ${d.person}`, left);
      doc.font("Helvetica").text(`Décision${NBSP}: ${d.decision} — prise en version ${d.version}`, left + 14, doc.y, { width: width - 14 });
      if (d.replaces) doc.fillColor("#b34000").text(`Décision corrigée : remplace « ${d.replaces} ».`, { width: width - 14 }).fillColor("black");
      if (d.note) doc.fillColor(GREY).text(`Note${NBSP}: ${d.note}`, { width: width - 14 }).fillColor("black");
      doc.moveDown(0.4);
    });

    heading(`Personnes restées sans décision (${m.undecided.length})`);
    if (m.undecided.length === 0) doc.text("Aucune : chaque personne à l’ordre du jour a fait l’objet d’une décision.", left);
    for (const u of m.undecided) doc.text(`•  ${u.person} — ${u.reasons}`, left, doc.y, { width });

    // The co-chairs sign side by side, at the foot of the last page.
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.moveDown(2).font("Helvetica").fontSize(10).text(`Fait le ${frenchDate(m.heldOn)}.`, left);
    const top = doc.y + 12;
    const gap = 20;
    const boxWidth = (width - gap * (m.coChairs.length - 1)) / Math.max(m.coChairs.length, 1);
    m.coChairs.forEach((c, i) => {
      const x = left + i * (boxWidth + gap);
      doc.rect(x, top, boxWidth, 100).strokeColor(LINE).lineWidth(1).stroke();
      doc.font("Helvetica-Bold").fontSize(9).fillColor("black").text(`Pour ${c.side}`, x + 8, top + 8, { width: boxWidth - 16 });
      doc.font("Helvetica").fillColor(GREY).text(c.organisation, { width: boxWidth - 16 });
      doc.text("Le coprésident ou la coprésidente — nom, qualité et signature", x + 8, top + 70, { width: boxWidth - 16 });
    });

    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font("Helvetica")
        .fontSize(8)
        .fillColor(GREY)
        .text(`${title} — séance du ${frenchDate(m.heldOn)} — version ${m.version} — page ${i + 1} sur ${pages.count}`, left, doc.page.height - 40, { width, align: "center" });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
