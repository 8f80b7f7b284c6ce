import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import YAML from "yaml";
import { ConventionFileSchema, ConventionTermsSchema } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { conventionsDir } from "./demoConventions.js";

/**
 * Migration 022 (ADR 0006, issue 10): the terms stored before it wrote their delays as bare
 * numbers, the unit in the key. They become a value and its unit, the unit the old key said; a
 * "no notice" written as 0 becomes null. Amendments' changes move the same way.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const seed = (file: string) => ConventionFileSchema.parse(YAML.parse(fs.readFileSync(path.join(conventionsDir, file), "utf8"))).convention;

it("turns every old delay of the stored terms and of the amendments into a value and its unit", async () => {
  const annex = seed("troyes-2020-echange-donnees.yaml");
  const basRhin = seed("bas-rhin-2021-accompagnement-global.yaml");
  // The two seeds as the first format wrote them.
  const { receivedListRetention, destructionAfterEnd, breachNotice, rightsAnswer, ...annexData } = annex.dataClauses!;
  const oldAnnex = {
    ...annex,
    period: { effective: annex.period.effective, endsOn: annex.period.endsOn, maxTotalMonths: null, source: annex.period.source },
    termination: {
      notice: { months: 0, before: "none", effectiveMonthsAfterReceipt: 2, source: annex.termination.notice.source },
      breach: { formalNoticeMonths: 1, suspendDataExchangeAtOnce: true, source: annex.termination.breach!.source },
    },
    dataClauses: { ...annexData, receivedListRetentionMonths: 2, destructionAfterEndMonths: 2, breachNoticeHours: 36, rightsAnswerMonths: 1 },
  };
  const { orientationToStart, entryToFirstAppointments, sources, ...gs } = basRhin.programmes.globalSupport!;
  const { orientationToStart: s1, entryToFirstAppointments: s2, ...otherSources } = sources;
  const oldBasRhin = {
    ...basRhin,
    period: { effective: basRhin.period.effective, endsOn: basRhin.period.endsOn, maxTotalMonths: 24, source: basRhin.period.source },
    termination: {
      notice: { months: 3, before: "yearly_anniversary", effectiveMonthsAfterReceipt: null, source: "x" },
      breach: { formalNoticeMonths: 0, suspendDataExchangeAtOnce: false, source: "y" },
    },
    programmes: { globalSupport: { ...gs, daysFromOrientationToStart: 21, daysFromEntryToFirstAppointments: 30, sources: { ...otherSources, daysFromOrientationToStart: s1, daysFromEntryToFirstAppointments: s2 } } },
  };
  const insert = async (number: string, terms: object) =>
    (
      await db.query<{ id: string }>(
        "INSERT INTO conventions (number, kind, title, base_terms, effective_on, ends_on) VALUES ($1, 'cooperation', 'T', $2, '2021-01-01', '2021-12-31') RETURNING id",
        [number, JSON.stringify(terms)],
      )
    )[0].id;
  await insert("OLD-ANNEX", oldAnnex);
  const basRhinId = await insert("OLD-BAS-RHIN", oldBasRhin);
  await db.query(
    "INSERT INTO convention_amendments (convention_id, number, stated_signed_on, effective_on, summary, changes, signing_parties) VALUES ($1, 'AV-1', NULL, '2021-06-01', 'Délais', $2, '{}')",
    [basRhinId, JSON.stringify({ finance: { paymentWindowMonths: 3 }, dataClauses: { breachNoticeHours: 72, rightsAnswerMonths: null }, period: { endsOn: "2022-12-31" } })],
  );

  await db.transaction((tx) => tx.exec(fs.readFileSync("migrations/022_delays_with_units.sql", "utf8")));

  const terms = async (number: string) => (await db.query<{ base_terms: object }>("SELECT base_terms FROM conventions WHERE number = $1", [number]))[0].base_terms;
  const strip = ({ source: _s, ...delay }: { source?: string; value: number; unit: string }) => delay;
  // The annex reads back as its seed, but for the articles of each data clause, which the old format did not have.
  // (`mutualAgreement` came with migration 026 and reads as its default, null.)
  const { mutualAgreement: _m, ...annexTermination } = annex.termination;
  expect(await terms("OLD-ANNEX")).toEqual({
    ...annex,
    termination: annexTermination,
    dataClauses: { ...annexData, receivedListRetention: strip(receivedListRetention!), destructionAfterEnd: strip(destructionAfterEnd!), breachNotice: strip(breachNotice!), rightsAnswer: strip(rightsAnswer!) },
  });
  const migrated = (await terms("OLD-BAS-RHIN")) as typeof basRhin;
  expect(migrated.period.maxDuration).toEqual({ value: 24, unit: "months" });
  expect(migrated.termination).toEqual({
    notice: { delay: { value: 3, unit: "months" }, before: "yearly_anniversary", effectiveAfterReceipt: null, source: "x" },
    breach: { effectiveAfterFormalNotice: null, suspendDataExchangeAtOnce: false, source: "y" },
  });
  // 30 days stay 30 days: the number alone cannot say the text meant « dans le mois ».
  expect(migrated.programmes.globalSupport).toMatchObject({ orientationToStart: { value: 21, unit: "days" }, entryToFirstAppointments: { value: 30, unit: "days" }, maxTotalMonths: 12 });
  expect(migrated.programmes.globalSupport?.sources).toEqual(sources);
  expect(ConventionTermsSchema.safeParse(migrated).success).toBe(true);
  expect((await db.query<{ changes: object }>("SELECT changes FROM convention_amendments WHERE number = 'AV-1'"))[0].changes).toEqual({
    finance: { paymentWindow: { value: 3, unit: "months" } },
    dataClauses: { breachNotice: { value: 72, unit: "hours" }, rightsAnswer: null },
    period: { endsOn: "2022-12-31" },
  });
});
