import { inflateSync } from "node:zlib";

/*
 * For the tests (vitest and e2e): what a PDF made by pdfkit shows (minutes, convocation letters), read back without a PDF library.
 */

/** WinAnsi's own characters between 0x80 and 0x9f (the rest is Latin-1). */
const WIN_ANSI = new Map<number, string>([
  [0x80, "€"],
  [0x85, "…"],
  [0x8c, "Œ"],
  [0x91, "‘"],
  [0x92, "’"],
  [0x93, "“"],
  [0x94, "”"],
  [0x95, "•"],
  [0x96, "–"],
  [0x97, "—"],
  [0x9c, "œ"],
]);
const inflated = (data: string): string | null => {
  try {
    return inflateSync(Buffer.from(data, "latin1")).toString("latin1");
  } catch {
    return null;
  }
};

/** The text a PDF shows (pdfkit's standard fonts write WinAnsi strings in hex, in deflated streams). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)) {
    // A deflated stream may itself end with a CR byte: read it as written first, then without a CR line end.
    const content = inflated(m[1]) ?? (m[1].endsWith("\r") ? inflated(m[1].slice(0, -1)) : null);
    if (content === null) continue;
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[1] ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join("") : op[2];
      out.push([...Buffer.from(hex, "hex")].map((b) => WIN_ANSI.get(b) ?? String.fromCharCode(b)).join(""));
    }
  }
  return out.join(" ").replace(/[ \t\r\n]+/g, " ");
}

