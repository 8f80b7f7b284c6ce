import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineAfter } from "../../domain/convention/delays.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { dataClausesOf, globalSupportTermsOf } from "./conventionTerms.js";

/**
 * Every delay with its unit (issue 10, ADR 0006): a convention Tandem has never seen, effective on
 * 29 February, with delays in days, weeks, months, years and hours, imported from its file; every
 * date it gives is written out here by hand.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LEAP = `
convention:
  number: ESSAI-DELAIS
  kind: data_exchange
  title: Échange de données à délais variés
  object: Vérifier que chaque délai garde son unité.
  parties:
    - { organisation: ft-metz-sebastopol, side: france_travail, signatories: [{ name: A, title: Directrice, signedOn: 2024-02-20 }] }
    - { organisation: ville-metz, side: partner, signatories: [{ name: B, title: Maire, signedOn: 2024-02-20 }] }
  period: { effective: { date: 2024-02-29 }, endsOn: 2027-02-28, maxDuration: { value: 3, unit: years }, source: "essai art. 1" }
  termination:
    notice: { delay: { value: 3, unit: months }, before: yearly_anniversary, source: "essai art. 2 — préavis de trois mois avant l’échéance annuelle" }
    breach: { effectiveAfterFormalNotice: { value: 15, unit: days }, suspendDataExchangeAtOnce: true, source: "essai art. 3" }
  programmes:
    globalSupport:
      initialMonths: 6
      renewalsAllowed: 1
      monthsPerRenewal: 6
      maxTotalMonths: 12
      orientationToStart: { value: 3, unit: weeks }
      entryToFirstAppointments: { value: 1, unit: months }
      maxSocialOnlyMonths: 3
      targetActiveCasesPerAdvisor: null
      reviewCadenceMonths: 2
      directEntryAllowed: true
      sources: { orientationToStart: "essai art. 4 — dans les trois semaines", entryToFirstAppointments: "essai art. 4 — dans le mois" }
  dataClauses:
    receivedListRetention: { value: 10, unit: days, source: "essai art. 5.1 — listes supprimées dix jours après réception" }
    destructionAfterEnd: { value: 30, unit: days, source: "essai art. 5.2 — destruction trente jours après la fin" }
    breachNotice: { value: 36, unit: hours, source: "essai art. 5.3 — violation signalée sous 36 heures" }
    rightsAnswer: { value: 1, unit: months }
    processingLocation: Union européenne
    source: "essai art. 5"
`;

describe("a convention whose delays are in days, weeks, months, years and hours", () => {
  it("is imported, and every date it gives follows the text: notices before the échéances of 28 February, purge 30 days after the end", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const res = await metz.post("/api/conventions/import", { content: LEAP });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const draft = (await metz.get(`/api/conventions/${id}`)).json();
    expect(draft.terms.dataClauses.breachNotice).toEqual({ value: 36, unit: "hours", source: "essai art. 5.3 — violation signalée sous 36 heures" });
    expect(draft.terms.programmes.globalSupport.orientationToStart).toEqual({ value: 3, unit: "weeks" });
    const dates = (kind: string) => draft.calendar.filter((o: { kind: string }) => o.kind === kind).map((o: { dueOn: string }) => o.dueOn);
    // Effective 29 February 2024: each yearly échéance is 28 February (the anniversary is 1 March in a year without 29 February).
    expect(dates("notice")).toEqual(["2024-11-30", "2025-11-30", "2026-11-30"]);
    expect(draft.calendar.find((o: { kind: string }) => o.kind === "notice").label).toBe(
      "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 28/02/2025)",
    );
    expect(dates("end")).toEqual(["2027-02-28"]);
    expect(dates("data_purge")).toEqual(["2027-03-30"]);
    expect(draft.calendar.find((o: { kind: string }) => o.kind === "data_purge")).toMatchObject({
      label: "Destruction des données personnelles de la convention (au plus tard 30 jours après la fin)",
      source: "essai art. 5.2 — destruction trente jours après la fin",
    });
    // A draft publishes no data obligation: nothing is exchanged before every party signs.
    expect(await dataClausesOf(t.db, id, "2025-01-01")).toBeNull();

    const ftMetz = await t.loginAs("pilotage.ft-metz");
    expect((await ftMetz.post(`/api/conventions/${id}/signatures`, { organisation: "ft-metz-sebastopol", name: "A", title: "Directrice", signedOn: "2024-02-20" })).statusCode).toBe(200);
    expect((await metz.post(`/api/conventions/${id}/signatures`, { organisation: "ville-metz", name: "B", title: "Maire", signedOn: "2024-02-20" })).statusCode).toBe(200);

    // The data clauses, published for the data-protection capability in their own units, with their article.
    const data = await dataClausesOf(t.db, id, "2025-01-01");
    expect(data).toEqual({
      number: "ESSAI-DELAIS",
      endsOn: "2027-02-28",
      processingLocation: "Union européenne",
      source: "essai art. 5",
      obligations: [
        {
          key: "received_list_retention",
          delay: { value: 10, unit: "days" },
          runsFrom: "list_received",
          label: "Supprimer chaque liste reçue 10 jours après sa réception",
          source: "essai art. 5.1 — listes supprimées dix jours après réception",
          dueOn: null,
        },
        {
          key: "destruction_after_end",
          delay: { value: 30, unit: "days" },
          runsFrom: "convention_end",
          label: "Détruire les données personnelles au plus tard 30 jours après la fin de la convention",
          source: "essai art. 5.2 — destruction trente jours après la fin",
          dueOn: "2027-03-30",
        },
        {
          key: "breach_notice",
          delay: { value: 36, unit: "hours" },
          runsFrom: "breach_discovered",
          label: "Informer l’autre partie d’une violation de données au plus tard 36 heures après sa découverte",
          source: "essai art. 5.3 — violation signalée sous 36 heures",
          dueOn: null,
        },
        {
          key: "rights_answer",
          delay: { value: 1, unit: "months" },
          runsFrom: "request_received",
          label: "Répondre aux demandes des personnes concernées sous 1 mois",
          source: "essai art. 5",
          dueOn: null,
        },
      ],
    });
    // Hours give a date-time: a breach discovered at 16:45 (Paris) on 27 February 2025 is reported by 04:45 on 1 March.
    const breach = data?.obligations.find((o) => o.key === "breach_notice");
    expect(deadlineAfter(new Date("2025-02-27T15:45:00Z"), breach!.delay)).toEqual({ dueAt: "2025-03-01T03:45:00.000Z" });
    // A month from a request received on 31 January is 28 February, not 2 March (30 days).
    const rights = data?.obligations.find((o) => o.key === "rights_answer");
    expect(deadlineAfter(new Date("2025-01-31T09:00:00Z"), rights!.delay)).toEqual({ dueOn: "2025-02-28" });
    expect((await globalSupportTermsOf(t.db, id, "2025-01-01"))?.terms).toMatchObject({
      orientationToStart: { value: 3, unit: "weeks" },
      entryToFirstAppointments: { value: 1, unit: "months" },
    });

    // A notice received on the last day it may be (30 November 2025) ends the convention at the échéance of 28 February 2026;
    // the purge then follows the real end.
    const ended = await metz.post(`/api/conventions/${id}/termination`, { receivedOn: "2025-11-30", reason: "notice" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().endsOn).toBe("2026-02-28");
    const after = (await metz.get(`/api/conventions/${id}`)).json();
    expect(after.calendar.find((o: { kind: string }) => o.kind === "data_purge").dueOn).toBe("2026-03-30");
    expect((await dataClausesOf(t.db, id, "2025-12-01"))?.obligations.find((o) => o.key === "destruction_after_end")?.dueOn).toBe("2026-03-30");
  });
});

describe("a delay Tandem cannot read is refused at import, by path, in French; nothing is imported", () => {
  it("an unknown unit, and hours where a date is needed", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const bad = LEAP.replace("number: ESSAI-DELAIS", "number: ESSAI-UNITE")
      .replace("breachNotice: { value: 36, unit: hours", "breachNotice: { value: 36, unit: fortnights")
      .replace("orientationToStart: { value: 3, unit: weeks }", "orientationToStart: { value: 48, unit: hours }")
      .replace("rightsAnswer: { value: 1, unit: months }", "rightsAnswer: { value: 1 }");
    const res = await metz.post("/api/conventions/import", { content: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("CONVENTION_FILE_INVALID");
    expect(res.json().error.details.issues).toEqual(
      expect.arrayContaining([
        {
          path: "convention.dataClauses.breachNotice.unit",
          message: "Unité de délai inconnue : « fortnights ». Unités permises ici : hours (heures), days (jours), weeks (semaines), months (mois), years (ans).",
        },
        {
          path: "convention.programmes.globalSupport.orientationToStart.unit",
          message: "Unité de délai inconnue : « hours ». Unités permises ici : days (jours), weeks (semaines), months (mois), years (ans).",
        },
        {
          path: "convention.dataClauses.rightsAnswer.unit",
          message: "Indiquez l’unité du délai : days (jours), weeks (semaines), months (mois), years (ans).",
        },
      ]),
    );
    expect(await t.db.query("SELECT 1 FROM conventions WHERE number = 'ESSAI-UNITE'")).toHaveLength(0);
  });

  it("a file in the old format (bare numbers) is refused with its own code, each old key named with what to write", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const old = LEAP.replace("number: ESSAI-DELAIS", "number: ESSAI-ANCIEN")
      .replace("breachNotice: { value: 36, unit: hours, source: \"essai art. 5.3 — violation signalée sous 36 heures\" }", "breachNoticeHours: 36")
      .replace("orientationToStart: { value: 3, unit: weeks }", "daysFromOrientationToStart: 21");
    const res = await metz.post("/api/conventions/import", { content: old });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("CONVENTION_FILE_OLD_DELAY_FORMAT");
    expect(error.message).toBe(
      "Le fichier de convention suit l’ancien format : 2 délais sont écrits sans unité. Écrivez chaque délai avec sa valeur et son unité, comme le dit la convention. Rien n’a été importé.",
    );
    expect(error.details.issues).toEqual([
      {
        path: "convention.programmes.globalSupport.daysFromOrientationToStart",
        message:
          "Ancien format de délai : « daysFromOrientationToStart » est remplacé par « orientationToStart », une valeur et son unité comme le dit la convention (ex. orientationToStart: { value: 21, unit: days } ; hours, days, weeks, months ou years).",
      },
      {
        path: "convention.dataClauses.breachNoticeHours",
        message:
          "Ancien format de délai : « breachNoticeHours » est remplacé par « breachNotice », une valeur et son unité comme le dit la convention (ex. breachNotice: { value: 36, unit: hours } ; hours, days, weeks, months ou years).",
      },
    ]);
    expect(await t.db.query("SELECT 1 FROM conventions WHERE number = 'ESSAI-ANCIEN'")).toHaveLength(0);
  });
});

it("GET /api/conventions/schema.json is the committed docs/convention.schema.json", async () => {
  const res = await t.client().get("/api/conventions/schema.json");
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual(JSON.parse(fs.readFileSync("docs/convention.schema.json", "utf8")));
});
