import type { FileIssue } from "./conventionErrors.js";

/**
 * The delays of the first file format were bare numbers whose unit was in the key
 * (`breachNoticeHours: 36`). Since migration 022 every delay is a value and its unit
 * (`breachNotice: { value: 36, unit: hours }`, ADR 0006). A file in the old format is refused, each
 * old key named with what to write instead: its number alone cannot say whether "30 days" was
 * « dans le mois » in the text.
 */
const OLD_KEYS: { path: string[]; old: string; replacement: string; unit: string }[] = [
  { path: ["period"], old: "maxTotalMonths", replacement: "maxDuration", unit: "months" },
  { path: ["termination", "notice"], old: "months", replacement: "delay", unit: "months" },
  { path: ["termination", "notice"], old: "effectiveMonthsAfterReceipt", replacement: "effectiveAfterReceipt", unit: "months" },
  { path: ["termination", "breach"], old: "formalNoticeMonths", replacement: "effectiveAfterFormalNotice", unit: "months" },
  { path: ["finance"], old: "paymentWindowMonths", replacement: "paymentWindow", unit: "months" },
  { path: ["programmes", "globalSupport"], old: "daysFromOrientationToStart", replacement: "orientationToStart", unit: "days" },
  { path: ["programmes", "globalSupport"], old: "daysFromEntryToFirstAppointments", replacement: "entryToFirstAppointments", unit: "days" },
  { path: ["dataClauses"], old: "receivedListRetentionMonths", replacement: "receivedListRetention", unit: "months" },
  { path: ["dataClauses"], old: "destructionAfterEndMonths", replacement: "destructionAfterEnd", unit: "months" },
  { path: ["dataClauses"], old: "breachNoticeHours", replacement: "breachNotice", unit: "hours" },
  { path: ["dataClauses"], old: "rightsAnswerMonths", replacement: "rightsAnswer", unit: "months" },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Old-format delays in terms (or an amendment's changes, which have the same shape), by path. */
export function oldDelayKeys(terms: unknown, prefix: string): FileIssue[] {
  const issues: FileIssue[] = [];
  for (const k of OLD_KEYS) {
    let node: unknown = terms;
    for (const key of k.path) node = isObject(node) ? node[key] : undefined;
    if (!isObject(node) || !(k.old in node)) continue;
    const value = node[k.old];
    const example = typeof value === "number" ? `{ value: ${value}, unit: ${k.unit} }` : `{ value: …, unit: ${k.unit} }`;
    issues.push({
      path: [prefix, ...k.path, k.old].join("."),
      message: `Ancien format de délai : « ${k.old} » est remplacé par « ${k.replacement} », une valeur et son unité comme le dit la convention (ex. ${k.replacement}: ${example} ; hours, days, weeks, months ou years).`,
    });
  }
  return issues;
}

/** Every old-format delay of a whole file: the convention and each amendment's changes. */
export function oldDelayFormatIssues(file: unknown): FileIssue[] {
  if (!isObject(file)) return [];
  const issues = oldDelayKeys(file.convention, "convention");
  if (Array.isArray(file.amendments)) {
    file.amendments.forEach((a, i) => {
      if (isObject(a)) issues.push(...oldDelayKeys(a.changes, `amendments.${i}.changes`));
    });
  }
  return issues;
}
