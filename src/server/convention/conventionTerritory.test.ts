import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { insertOrganisation } from "../organisations/organisationRepository.js";
import { communesOfDepartement } from "../organisations/territories.js";
import { systemContext } from "../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { recordSignature } from "./conventionActions.js";
import { communeInReach } from "./conventionTerms.js";
import { officialReferential, refreshConventionTerritories } from "./conventionTerritory.js";
import { importConvention } from "./importConvention.js";

/**
 * A convention's territory decides which job seekers its professionals may find (ADR 0027).
 * Parties the demo does not know, all serving the whole Aube (10): an agency, and two départements'
 * social services, each party to its own conventions — so that what each one reaches comes from its
 * conventions' territories only: Troyes Champagne Métropole (EPCI 200069250, 81 communes) with the
 * communes that join it, the same EPCI at signature only, and a list of one commune.
 */
const today = parisToday();
const ctx = systemContext("test");
const TROYES = "10387"; // in the EPCI
const BAR_SUR_AUBE = "10033"; // in the Aube, outside the EPCI
const BAR_SUR_SEINE = "10034"; // in the Aube, outside the EPCI: the commune that « joins » it below
const TCM = "200069250";

let t: TestApp;
let joining: string;
let atSignature: string;
let listed: string;
const person: Record<string, { id: string; ft: string }> = {};

const conventionFile = (number: string, partner: string, territory: string) => `
convention:
  number: ${number}
  kind: cooperation
  title: Accompagnement global dans l’Aube (${number})
  object: Essai du territoire d’une convention.
  parties:
    - { organisation: ft-aube-essai, side: france_travail }
    - { organisation: ${partner}, side: partner }
${territory}
  period: { effective: { date: ${addDays(today, -30)} }, endsOn: ${addDays(today, 3 * 365)}, source: "essai art. 1" }
  termination:
    notice: { delay: { value: 1, unit: months }, before: end, source: "essai art. 2" }
  programmes:
    globalSupport:
      initialMonths: 12
      renewalsAllowed: 1
      monthsPerRenewal: 6
      maxTotalMonths: 18
      orientationToStart: { value: 21, unit: days }
      entryToFirstAppointments: { value: 15, unit: days }
      maxSocialOnlyMonths: 6
      targetActiveCasesPerAdvisor: null
      reviewCadenceMonths: 1
      directEntryAllowed: true
      sources: { initialMonths: "essai art. 4" }
`;

async function importAndSign(text: string) {
  const { id } = await importConvention(t.db, ctx, text, { system: true });
  for (const code of ["ft-aube-essai", text.includes("cd-aube-a") ? "cd-aube-a" : "cd-aube-b"]) {
    await recordSignature(t.db, ctx, id, { organisation: code, name: "Signataire", title: "Représentant", signedOn: addDays(today, -30), mode: "scanned_copy" }, today, {
      system: true,
    });
  }
  return id;
}

async function addPerson(key: string, commune: string) {
  const ft = `9${String(Object.keys(person).length + 1).padStart(6, "0")}T`;
  const [row] = await t.db.query<{ id: string }>(
    `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, benefits, registered_at)
     VALUES ($1, 'Camille', $2, '1990-01-01', $3, '{RSA}', $4) RETURNING id`,
    [ft, `Essai-${key}`, commune, today],
  );
  person[key] = { id: row.id, ft };
}

const communesOf = async (conventionId: string) =>
  (await t.db.query<{ insee_code: string }>("SELECT insee_code FROM convention_communes WHERE convention_id = $1", [conventionId])).map((r) => r.insee_code);
const found = async (c: TestClient, key: string) => {
  const res = await c.get(`/api/job-seekers?q=${person[key].ft}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
};

beforeAll(async () => {
  t = await createTestApp();
  const aube = communesOfDepartement("10");
  const [{ password_hash }] = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE email = 'social.creuse@demo.tandem.fr'");
  for (const org of [
    { code: "ft-aube-essai", name: "France Travail — Agence de l’Aube (essai)", kind: "ft_agency" as const, user: "conseiller.aube-essai", roles: ["advisor"] },
    { code: "cd-aube-a", name: "Service social A de l’Aube (essai)", kind: "departement" as const, user: "social.aube-a", roles: ["social_worker"] },
    { code: "cd-aube-b", name: "Service social B de l’Aube (essai)", kind: "departement" as const, user: "social.aube-b", roles: ["social_worker"] },
  ]) {
    const id = await insertOrganisation(t.db, { code: org.code, name: org.name, kind: org.kind, communes: aube });
    await t.db.query(
      `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash, password_changed_at) VALUES ($1, $2, 'Essai', $3, $4, $5, now())`,
      [id, `${org.user}@demo.tandem.fr`, org.code, org.roles, password_hash],
    );
  }
  joining = await importAndSign(
    conventionFile("AUBE-TCM", "cd-aube-a", `  territory: { epci: "${TCM}", members: at_signature_and_joining, source: "essai art. 6 — et celles qui rejoindraient l’EPCI" }`),
  );
  listed = await importAndSign(conventionFile("AUBE-BAR", "cd-aube-a", `  territory: { communes: ["${BAR_SUR_AUBE}"], source: "essai art. 6" }`));
  atSignature = await importAndSign(conventionFile("AUBE-TCM-SIGNATURE", "cd-aube-b", `  territory: { epci: "${TCM}", members: at_signature, source: "essai art. 6" }`));
  await addPerson("troyes", TROYES);
  await addPerson("barSurAube", BAR_SUR_AUBE);
  await addPerson("barSurSeine", BAR_SUR_SEINE);
});
afterAll(() => t.close());

describe("a convention's territory", () => {
  it("is the file's EPCI from the referential, or the partner parties' territories by default", async () => {
    expect((await communesOf(joining)).length).toBe(81);
    expect(await communesOf(joining)).toContain(TROYES);
    expect(await communesOf(listed)).toEqual([BAR_SUR_AUBE]);
    // A seed without `territory` (Creuse, 001): the Département de la Creuse's communes.
    const [creuse] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'CREUSE-2023-AG'");
    expect((await communesOf(creuse.id)).length).toBe(communesOfDepartement("23").length);
    // The Troyes seed says « members at signature and those that join » (003 art. 6).
    const [tcm] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'TCM-2020'");
    expect((await communesOf(tcm.id)).length).toBe(81);
  });

  it("is shown on the convention page", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const page = (await admin.get(`/api/conventions/${joining}`)).json();
    expect(page.territory).toEqual({
      description: "CA Troyes Champagne Métropole (81 communes, y compris celles qui le rejoignent)",
      communes: 81,
      source: "essai art. 6 — et celles qui rejoindraient l’EPCI",
    });
    const [creuse] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'CREUSE-2023-AG'");
    expect((await admin.get(`/api/conventions/${creuse.id}`)).json().territory).toEqual({
      description: `Union des territoires des parties (${communesOfDepartement("23").length} communes)`,
      communes: communesOfDepartement("23").length,
      source: null,
    });
    expect((await admin.get(`/api/conventions/${atSignature}`)).json().territory.description).toBe("CA Troyes Champagne Métropole (81 communes, membres à la signature)");
  });

  it("refuses, at import, a code the referential does not know, citing it, and imports nothing", async () => {
    const admin = await t.loginAs("admin.plateforme");
    for (const [territory, path, message] of [
      [`  territory: { epci: "123456789", members: at_signature, source: "x" }`, "convention.territory.epci", "EPCI inconnu du référentiel officiel : « 123456789 » (SIREN)."],
      [`  territory: { departement: "96", source: "x" }`, "convention.territory.departement", "Département inconnu du référentiel officiel : « 96 »."],
      [`  territory: { communes: ["${TROYES}", "10999"], source: "x" }`, "convention.territory.communes.1", "Commune inconnue du référentiel officiel : « 10999 » (code INSEE)."],
    ]) {
      const res = await admin.post("/api/conventions/import", { content: conventionFile("AUBE-REFUSEE", "cd-aube-a", territory) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe("CONVENTION_FILE_INVALID");
      expect(res.json().error.details.issues).toEqual([{ path, message }]);
    }
    const bad = await admin.post("/api/conventions/import", {
      content: conventionFile("AUBE-REFUSEE", "cd-aube-a", `  territory: { epci: "${TCM}", members: toujours, source: "x" }`),
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.db.query("SELECT 1 FROM conventions WHERE number = 'AUBE-REFUSEE'")).length).toBe(0);
  });
});

describe("a default territory (the union of the partner parties')", () => {
  it("follows at once when the platform admin changes a party's territory", async () => {
    const orgId = await insertOrganisation(t.db, { code: "cd-aube-c", name: "Service social C de l’Aube (essai)", kind: "departement", communes: [TROYES] });
    const { id } = await importConvention(t.db, ctx, conventionFile("AUBE-UNION", "cd-aube-c", ""), { system: true });
    expect(await communesOf(id)).toEqual([TROYES]);
    const admin = await t.loginAs("admin.plateforme");
    const res = await admin.request({
      method: "PUT",
      url: `/api/organisations/${orgId}`,
      payload: { name: "Service social C de l’Aube (essai)", kind: "departement", territory: { kind: "communes", communes: [TROYES, BAR_SUR_AUBE] } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await communesOf(id)).sort()).toEqual([BAR_SUR_AUBE, TROYES]);
  });
});

describe("the territory decides which job seekers a convention's professionals may find", () => {
  it("finds, reads and orients a person in the EPCI-narrowed territory", async () => {
    const social = await t.loginAs("social.aube-b");
    expect(await found(social, "troyes")).toBe(1);
    expect((await social.get(`/api/job-seekers/${person.troyes.id}`)).statusCode).toBe(200);
    const oriented = await social.post("/api/support/cases", { jobSeekerId: person.troyes.id, origin: "departement_social_service" });
    expect(oriented.statusCode, oriented.body).toBe(201);
  });

  it("does not find, read, orient or record a person of the organisation's territory outside every convention territory in force", async () => {
    const social = await t.loginAs("social.aube-b"); // serves the whole Aube; its only convention covers the EPCI
    expect(await found(social, "barSurAube")).toBe(0);
    const read = await social.get(`/api/job-seekers/${person.barSurAube.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe("JOB_SEEKER_NOT_FOUND");
    const oriented = await social.post("/api/support/cases", { jobSeekerId: person.barSurAube.id, origin: "departement_social_service" });
    expect(oriented.statusCode).toBe(404);
    expect(oriented.json().error.code).toBe("JOB_SEEKER_NOT_FOUND");
    const created = await social.post("/api/job-seekers", {
      ftIdentifier: "8000001Z",
      firstName: "Dominique",
      lastName: "Horschamp",
      birthDate: "1985-05-05",
      communeInsee: BAR_SUR_AUBE,
      registeredAt: today,
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().error).toMatchObject({
      code: "OUTSIDE_TERRITORY",
      message: "Cette personne réside hors du territoire de votre organisation couvert par une convention en vigueur : vous ne pouvez pas l’orienter ni l’enregistrer.",
    });
    expect((await t.db.query("SELECT 1 FROM job_seekers WHERE ft_identifier = '8000001Z'")).length).toBe(0);
    const inside = await social.post("/api/job-seekers", {
      ftIdentifier: "8000002Z",
      firstName: "Dominique",
      lastName: "Dedans",
      birthDate: "1985-05-05",
      communeInsee: TROYES,
      registeredAt: today,
    });
    expect(inside.statusCode, inside.body).toBe(201);
    // The agency acts under all three conventions: their territories together are its reach.
    const advisor = await t.loginAs("conseiller.aube-essai");
    expect(await found(advisor, "barSurAube")).toBe(1);
    expect(await found(advisor, "barSurSeine")).toBe(0);
  });

  it("takes in a commune that joins the EPCI by the recompute rule, not by the « at signature » one", async () => {
    const [a, b] = await Promise.all(["cd-aube-a", "cd-aube-b"].map(async (code) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id));
    expect(await communeInReach(t.db, a, BAR_SUR_SEINE, today)).toBe(false);
    const joined = { ...officialReferential, epciMembers: (siren: string) => [...officialReferential.epciMembers(siren), ...(siren === TCM ? [BAR_SUR_SEINE] : [])] };
    await refreshConventionTerritories(t.db, joined);
    expect(await communesOf(joining)).toContain(BAR_SUR_SEINE);
    expect(await communesOf(atSignature)).not.toContain(BAR_SUR_SEINE);
    expect((await communesOf(atSignature)).length).toBe(81);
    expect(await communeInReach(t.db, a, BAR_SUR_SEINE, today)).toBe(true);
    expect(await communeInReach(t.db, b, BAR_SUR_SEINE, today)).toBe(false);
    expect(await found(await t.loginAs("social.aube-a"), "barSurSeine")).toBe(1);
    expect(await found(await t.loginAs("social.aube-b"), "barSurSeine")).toBe(0);
    // The referential as it is: the joined commune leaves the territory that follows it.
    await refreshConventionTerritories(t.db);
    expect(await communesOf(joining)).not.toContain(BAR_SUR_SEINE);
  });

  it("gives no more reach once the convention has ended", async () => {
    const social = await t.loginAs("social.aube-a");
    expect(await found(social, "barSurAube")).toBe(1);
    expect((await social.get(`/api/job-seekers/${person.barSurAube.id}`)).statusCode).toBe(200);
    await t.db.query("UPDATE conventions SET ends_on = $2 WHERE id = $1", [listed, addDays(today, -1)]);
    expect(await found(social, "barSurAube")).toBe(0);
    const read = await social.get(`/api/job-seekers/${person.barSurAube.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe("JOB_SEEKER_NOT_FOUND");
    // Its other convention still runs: the EPCI's people stay in reach.
    expect(await found(social, "troyes")).toBe(1);
  });
});
