import PDFDocument from "pdfkit";
import { ACTION_STATUS_LABELS, ATTENDANCE_LABELS, type Meeting, SIDE_LABELS } from "../../shared/contracts/governance.js";

const frenchDate = (d: string) => d.slice(0, 10).split("-").reverse().join("/");
const BLUE = "#000091";
const GREY = "#666666";
const NBSP = "\u00a0";

/**
 * The minutes of a governance meeting as the parties keep them: the convention, the session,
 * attendance, the agenda's commitments, the decisions, the actions with their owner, due date and
 * status, and each side's adoption of this version (a correction says which version it replaces).
 */
export function governanceMinutesPdf(m: Meeting): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `Compte rendu — ${m.label}`;
    const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 60, left: 56, right: 56 }, info: { Title: title, Author: m.secretariat.organisation, Subject: m.conventionNumber }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font("Helvetica-Bold").fontSize(13).text("RÉPUBLIQUE\nFRANÇAISE", { lineGap: -1 });
    doc.font("Helvetica-Oblique").fontSize(8).text("Liberté\nÉgalité\nFraternité", { lineGap: -1 });
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(10).text(`Secrétariat${NBSP}: ${m.secretariat.organisation}`);
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text(`Convention n°${NBSP}${m.conventionNumber} — version ${m.minutes.version} du compte rendu`);
    doc.moveDown(1).font("Helvetica-Bold").fontSize(15).fillColor(BLUE).text(title, { width, align: "center" });
    doc.font("Helvetica").fontSize(10).fillColor("black").text(`Séance du ${frenchDate(m.heldOn)} à ${m.heldAt.replace(":", " h ")}`, { width, align: "center" });
    if (m.minutes.version > 1) doc.moveDown(0.4).fillColor("#b34000").text(`Version ${m.minutes.version} : remplace la version ${m.minutes.version - 1} après correction.`, { width, align: "center" });
    doc.fillColor("black").moveDown(1);
    doc.text(`Lieu${NBSP}: ${[m.place, m.videoLink ? `visioconférence (${m.videoLink})` : null].filter(Boolean).join(" — ")}`);
    if (m.minutes.recordedOn) doc.text(`Compte rendu établi le ${frenchDate(m.minutes.recordedOn)}`);

    const heading = (text: string) => {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text(text, left);
      doc.moveDown(0.4).fillColor("black").font("Helvetica").fontSize(10);
    };
    const bullet = (text: string) => doc.text(`•  ${text}`, left, doc.y, { width });

    heading("Présences");
    if (m.invitees.length === 0) doc.text("—");
    for (const i of m.invitees) bullet(`${i.name} (${i.organisation}) — ${i.attendance ? ATTENDANCE_LABELS[i.attendance] : "non renseigné"}`);

    heading("Engagements examinés");
    if (m.agenda.commitments.length === 0) doc.text("Aucun engagement.");
    for (const c of m.agenda.commitments) bullet(`${c.description} : ${c.value ?? "—"} pour ${c.target} attendus — ${c.statusLabel}`);

    if (m.agenda.items.length) {
      heading("Points ajoutés par les membres");
      for (const i of m.agenda.items) bullet(`${i.text} (${i.author})`);
    }

    heading(`Décisions (${m.minutes.decisions.length})`);
    if (m.minutes.decisions.length === 0) doc.text("Aucune décision.");
    for (const [i, d] of m.minutes.decisions.entries()) doc.text(`${i + 1}. ${d}`, left, doc.y, { width });

    heading(`Actions (${m.actions.length})`);
    if (m.actions.length === 0) doc.text("Aucune action.");
    for (const a of m.actions) bullet(`${a.text} — ${a.owner.name}, pour le ${frenchDate(a.dueOn)} : ${ACTION_STATUS_LABELS[a.status]}`);

    heading("Adoption");
    for (const side of m.minutes.sidesToAdopt) {
      const a = m.minutes.adoptions.find((x) => x.side === side);
      bullet(a ? `${SIDE_LABELS[side]} : adopté le ${frenchDate(a.adoptedAt)} par ${a.by} (${a.organisation})` : `${SIDE_LABELS[side]} : adoption attendue`);
    }
    doc.end();
  });
}
