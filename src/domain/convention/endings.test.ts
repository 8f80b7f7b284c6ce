import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { type ConventionTerms, ConventionFileSchema } from "../../shared/contracts/conventionFile.js";
import { dataExchangeSuspendedOn, endWithParent, obligations, terminationDate, terminationReasons } from "./calendar.js";
import { financialSituation, instalments } from "./finance.js";

/** Issue 10, « how a convention may end » and « money »: every date and amount written out. */
const seed = (file: string): ConventionTerms =>
  ConventionFileSchema.parse(parse(fs.readFileSync(path.resolve(__dirname, "../../../conventions", file), "utf8"))).convention;
const metz = seed("metz-2013-cooperation.yaml");
const rouen = seed("rouen-2023-partenariat.yaml");
const creuse = seed("creuse-2023-accompagnement-global.yaml");
const annex = seed("troyes-2020-echange-donnees.yaml");
const troyes = seed("troyes-2020-cooperation.yaml");

describe("each way a convention may end", () => {
  it("notice before the anniversary (Rouen, 3 months): received 2024-09-30 ends it 2024-12-31; 2024-10-01 only 2025-12-31", () => {
    const dates = { effectiveOn: "2023-01-01", endsOn: "2026-12-31" };
    expect(terminationDate(rouen, dates, { receivedOn: "2024-09-30", reason: "notice" })).toBe("2024-12-31");
    expect(terminationDate(rouen, dates, { receivedOn: "2024-10-01", reason: "notice" })).toBe("2025-12-31");
  });
  it("effect N after receipt (Creuse, 2 months): received 2023-12-31 → 2024-02-29", () => {
    expect(terminationDate(creuse, { effectiveOn: "2023-06-01", endsOn: "2026-05-31" }, { receivedOn: "2023-12-31", reason: "notice" })).toBe("2024-02-29");
  });
  it("breach after a formal notice (data annex, 1 month): received 2020-01-31 → 2020-02-29, the exchange suspended 2020-01-31", () => {
    const notice = { receivedOn: "2020-01-31", reason: "breach" } as const;
    expect(terminationDate(annex, { effectiveOn: "2020-01-15", endsOn: "2020-12-31" }, notice)).toBe("2020-02-29");
    expect(dataExchangeSuspendedOn(annex, notice)).toBe("2020-01-31");
    // A convention that is not a data annex suspends nothing.
    expect(dataExchangeSuspendedOn(creuse, notice)).toBeNull();
  });
  it("breach with no delay written (Metz art. 9): at receipt; breach absent (Rouen, Troyes): not offered", () => {
    expect(terminationDate(metz, { effectiveOn: "2013-01-01", endsOn: "2015-12-31" }, { receivedOn: "2014-05-20", reason: "breach" })).toBe("2014-05-20");
    expect(terminationReasons(metz)).toEqual(["notice", "breach"]);
    expect(rouen.termination.breach).toBeNull();
    expect(terminationReasons(rouen)).toEqual(["notice"]);
    expect(terminationReasons(troyes)).toEqual(["notice"]);
    // Bas-Rhin 002 art. 8.1: « pas de résiliation sans motif » — only a breach.
    expect(terminationReasons(seed("bas-rhin-2021-accompagnement-global.yaml"))).toEqual(["breach"]);
  });
  it("mutual agreement on a date: the agreed date, never after the end; offered only when the file says so", () => {
    const withMutual: ConventionTerms = { ...rouen, termination: { ...rouen.termination, mutualAgreement: { source: "art. X — d’un commun accord" } } };
    expect(terminationReasons(withMutual)).toEqual(["notice", "mutual"]);
    const dates = { effectiveOn: "2023-01-01", endsOn: "2026-12-31" };
    expect(terminationDate(withMutual, dates, { receivedOn: "2024-03-10", reason: "mutual", agreedEndOn: "2024-06-30" })).toBe("2024-06-30");
    expect(terminationDate(withMutual, dates, { receivedOn: "2024-03-10", reason: "mutual", agreedEndOn: "2027-06-30" })).toBe("2026-12-31");
  });
  it("an annex ends with its parent: the parent's end when earlier, its own otherwise", () => {
    expect(annex.annexOf).toBe("TCM-2020");
    expect(endWithParent("2020-12-31", "2020-09-30")).toBe("2020-09-30");
    expect(endWithParent("2020-06-30", "2020-09-30")).toBe("2020-06-30");
  });
});

describe("money: a payment on statement, a revaluation", () => {
  const dates = { effectiveOn: "2013-01-01", endsOn: "2013-12-31", signedOn: "2013-02-15", terminatedOn: null };
  it("Metz's balance is due on the statement, not at the end: no dated obligation before, the statement's day after (+ 30 days when written)", () => {
    const payments = (t: ConventionTerms, statements = [] as { scheduleIndex: number; instalmentKey: string; label: string; recordedOn: string }[]) =>
      obligations(t, { ...dates, statements }).filter((o) => o.kind === "payment").map((o) => [o.key, o.dueOn]);
    expect(payments(metz)).toEqual([["payment:0", "2013-02-15"]]);
    const st = [{ scheduleIndex: 1, instalmentKey: "2013-01-01:1", label: "Solde", recordedOn: "2014-01-31" }];
    expect(payments(metz, st)).toEqual([
      ["payment:0", "2013-02-15"],
      ["payment:2013-01-01:1:statement", "2014-01-31"],
    ]);
    const within = structuredClone(metz);
    within.finance!.schedule[1].payableWithin = { value: 30, unit: "days" };
    expect(payments(within, st)).toEqual([
      ["payment:0", "2013-02-15"],
      ["payment:2013-01-01:1:statement", "2014-03-02"],
    ]);
  });
  it("a revaluation by a rate: 33 300,80 € then +2 % a year, to the cent each year", () => {
    const t = structuredClone(metz);
    t.finance!.revaluation = { rate: "0.02" };
    const ctx = { effectiveOn: "2013-01-01", endsOn: "2015-12-31" };
    const yearly = instalments(t.finance!, ctx).filter((i) => i.key.endsWith(":0")).map((i) => i.amountCents);
    // Halves of 3 330 080, 3 396 682 (× 1,02), 3 464 616 (3 464 615,64 × 1,02 rounded) cents.
    expect(yearly).toEqual([1665040n, 1698341n, 1732308n]);
    const s = financialSituation(t.finance!, { ...ctx, signedOn: "2013-02-15", paidCents: 0n, terminatedOn: null });
    expect(s.dueCents).toBe(3330080n + 3396682n + 3464616n);
  });
  it("a revaluation by an index: amount × value in force on the year's first day ÷ reference", () => {
    const t = structuredClone(metz);
    t.finance!.revaluation = { index: { name: "Indice des salaires", reference: "100", values: [{ from: "2013-01-01", value: "100" }, { from: "2013-11-01", value: "103.5" }] } };
    const s = financialSituation(t.finance!, { effectiveOn: "2013-01-01", endsOn: "2014-12-31", signedOn: "2013-02-15", paidCents: 0n, terminatedOn: null });
    expect(s.dueCents).toBe(3330080n + 3446633n);
  });
});
