/**
 * Text a spreadsheet would run as a formula — a cell starting with =, +, -, @, a tab or a carriage
 * return (CSV injection) — is prefixed with an apostrophe, as OWASP recommends, so that it is shown
 * as the text it is. Every CSV (below) and every XLSX (`followUpTable.ts`) writes its text cells
 * through this one function; numbers and dates stay what they are.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** French spreadsheet CSV: `;` separator, CRLF, UTF-8 with BOM so Excel opens accents right. */
export function toFrenchCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? "" : typeof v === "number" ? String(v) : spreadsheetText(v);
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}
