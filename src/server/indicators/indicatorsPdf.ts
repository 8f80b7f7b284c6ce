import PDFDocument from "pdfkit";
import type { Dashboard, IndicatorView } from "../../shared/contracts/indicators.js";
import { filterLabels } from "./presentFigures.js";

const frenchDate = (d: string) => d.slice(0, 10).split("-").reverse().join("/");
const BLUE = "#000091";
const BLUE_LIGHT = "#6a6af4";
const GREY = "#666666";
const LINE = "#dddddd";
/** DSFR « orange terre battue » for the commitments' targets. */
const ORANGE = "#b34000";
const NBSP = "\u00a0";

type PDFDoc = InstanceType<typeof PDFDocument>;

/**
 * One indicator's periods as bars (DSFR blue, the selected period darker) with each value written
 * above its bar and the period under it: the chart carries its own data, as the page's table does.
 * Masked (« < 5 ») and unavailable figures draw no bar, only their text.
 */
function barChart(doc: PDFDoc, indicator: IndicatorView, periods: Dashboard["periods"], x: number, y: number, width: number) {
  const height = 70;
  const values = indicator.series.map((s) => s.cell.value ?? 0);
  const targets = indicator.commitments.map((c) => c.target);
  const max = Math.max(...values, ...targets, 1);
  const slot = width / indicator.series.length;
  const barWidth = Math.min(48, slot * 0.6);
  doc.moveTo(x, y + height).lineTo(x + width, y + height).strokeColor(LINE).lineWidth(1).stroke();
  indicator.series.forEach((s, i) => {
    const cx = x + slot * i + slot / 2;
    const h = s.cell.value === null ? 0 : Math.max(1, (s.cell.value / max) * (height - 14));
    if (h > 0) doc.rect(cx - barWidth / 2, y + height - h, barWidth, h).fillColor(i === indicator.series.length - 1 ? BLUE : BLUE_LIGHT).fill();
    doc.font("Helvetica-Bold").fontSize(8).fillColor("black").text(s.cell.display, cx - slot / 2, y + height - h - 11, { width: slot, align: "center", lineBreak: false });
    const label = periods.find((p) => p.key === s.period)?.label ?? s.period;
    doc.font("Helvetica").fontSize(7).fillColor(GREY).text(label, cx - slot / 2, y + height + 3, { width: slot, align: "center", lineBreak: false });
  });
  // Each commitment's target as a dashed line across the periods, labelled at its right end.
  for (const c of indicator.commitments) {
    const ty = y + height - (c.target / max) * (height - 14);
    doc.save().moveTo(x, ty).lineTo(x + width, ty).dash(3, { space: 2 }).strokeColor(ORANGE).lineWidth(1).stroke().restore();
    doc.font("Helvetica").fontSize(7).fillColor(ORANGE).text(`Objectif ${c.target.toLocaleString("fr-FR")}`, x + width - 80, ty - 9, { width: 80, align: "right", lineBreak: false });
  }
  doc.fillColor("black");
  return y + height + 16;
}

/**
 * The steering committee's report (ADR 0033): the convention, the period, each figure against the
 * periods before it as a bar chart with its values, the selected period's breakdowns, then the
 * definitions with their versions, and « figé le … par … » when the committee adopted the period.
 * Made from the dashboard itself, so authorised and masked exactly as the page.
 */
export function indicatorsPdf(dashboard: Dashboard, generatedOn: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `Rapport d’indicateurs — ${dashboard.period.label}`;
    const doc = new PDFDocument({
      size: "A4",
      margins: { top: 50, bottom: 60, left: 56, right: 56 },
      bufferPages: true,
      info: { Title: title, Author: "Tandem", Subject: dashboard.convention.number },
      lang: "fr-FR",
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font("Helvetica-Bold").fontSize(13).fillColor("black").text("RÉPUBLIQUE\nFRANÇAISE", left, 50, { lineGap: -1 });
    doc.font("Helvetica-Oblique").fontSize(8).text("Liberté\nÉgalité\nFraternité", { lineGap: -1 });
    const blockBottom = doc.y;
    doc.font("Helvetica").fontSize(9).fillColor(GREY);
    doc.text(`Convention n°${NBSP}${dashboard.convention.number}`, left + width / 2, 50, { width: width / 2, align: "right" });
    doc.text(dashboard.convention.title, { width: width / 2, align: "right" });
    doc.y = Math.max(doc.y, blockBottom) + 24;
    doc.x = left;
    doc.font("Helvetica-Bold").fontSize(16).fillColor(BLUE).text("Rapport au comité de pilotage", { width, align: "center" });
    doc
      .font("Helvetica")
      .fontSize(11)
      .fillColor("black")
      .moveDown(0.3)
      .text(`${dashboard.period.label} (du ${frenchDate(dashboard.period.from)} au ${frenchDate(dashboard.period.to)})`, { width, align: "center" });
    for (const filter of filterLabels(dashboard)) doc.text(filter, { width, align: "center" });
    doc
      .moveDown(0.5)
      .font("Helvetica-Bold")
      .fontSize(10)
      .fillColor(dashboard.frozen ? BLUE : "#b34000")
      .text(
        dashboard.frozen
          ? `Figé le ${frenchDate(dashboard.frozen.at)} par ${dashboard.frozen.by}.`
          : `Non figé : chiffres calculés le ${frenchDate(generatedOn)}, ils peuvent encore changer.`,
        { width, align: "center" },
      );
    doc
      .moveDown(0.5)
      .font("Helvetica")
      .fontSize(8)
      .fillColor(GREY)
      .text("Secret statistique : les effectifs inférieurs à 5 sont masqués (« < 5 »).", { width, align: "center" });
    doc.fillColor("black");

    const heading = (text: string) => {
      if (doc.y > doc.page.height - 200) doc.addPage();
      doc.moveDown(1).font("Helvetica-Bold").fontSize(12).fillColor(BLUE).text(text, left, doc.y, { width });
      doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).strokeColor(BLUE).lineWidth(0.8).stroke();
      doc.moveDown(0.6).fillColor("black").font("Helvetica").fontSize(10);
    };

    for (const i of dashboard.indicators) {
      heading(`${i.name} (${i.unit})`);
      if (!i.available) {
        doc.fillColor(GREY).text("Données non disponibles dans Tandem.", left).fillColor("black");
        continue;
      }
      const frozen = i.series.at(-1)?.frozen;
      doc.fontSize(9).fillColor(GREY).text(`Définition version ${frozen ? frozen.version : i.version}. ${i.counts}`, left, doc.y, { width }).fillColor("black");
      doc.y = barChart(doc, i, dashboard.periods, left, doc.y + 8, width);
      for (const c of i.commitments) {
        doc.moveDown(0.3).font("Helvetica-Bold").fontSize(9).text(`Engagement : ${c.description} (${c.owner}) — ${c.targetLabel}, ${c.period} [${c.source}]`, left, doc.y, { width });
        const results = c.results.map((r) => `${dashboard.periods.find((p) => p.key === r.period)?.label ?? r.period} : ${r.label}`);
        doc.font("Helvetica").fontSize(9).text(results.join(" ; "), left + 10, doc.y, { width: width - 10 });
      }
      for (const b of i.breakdowns) {
        if (b.rows.length === 0) continue;
        if (doc.y > doc.page.height - 100) doc.addPage();
        doc.moveDown(0.3).font("Helvetica-Bold").fontSize(9).text(`${b.label} — ${dashboard.period.label}`, left);
        doc.font("Helvetica").fontSize(9);
        for (const r of b.rows) doc.text(`•  ${r.label} : ${r.cell.display}`, left + 10, doc.y, { width: width - 10 });
      }
    }

    heading("Définitions et versions");
    for (const i of dashboard.indicators) {
      if (doc.y > doc.page.height - 110) doc.addPage();
      doc.font("Helvetica-Bold").fontSize(9).text(`${i.name} — clé ${i.key}, version ${i.version}`, left, doc.y, { width });
      const frozenVersions = [...new Set(i.series.filter((s) => s.frozen && s.version !== i.version).map((s) => s.version))];
      if (frozenVersions.length > 0) {
        doc.font("Helvetica-Oblique").text(`Périodes figées calculées avec la version ${frozenVersions.join(", ")}.`, left, doc.y, { width });
      }
      doc.font("Helvetica").fillColor(GREY).text(`${i.description} Ce qui est compté : ${i.counts} Source : ${i.source}.`, left, doc.y, { width });
      doc.fillColor("black").moveDown(0.5);
    }

    const pages = doc.bufferedPageRange();
    for (let p = 0; p < pages.count; p++) {
      doc.switchToPage(pages.start + p);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font("Helvetica")
        .fontSize(8)
        .fillColor(GREY)
        .text(`Convention ${dashboard.convention.number} — ${dashboard.period.label} — page ${p + 1} sur ${pages.count}`, left, doc.page.height - 40, { width, align: "center" });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
