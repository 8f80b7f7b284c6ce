import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * A note is edited by its author only; its previous versions are kept and seen by whoever may see
 * the note — and by nobody else (a social note's history stays with the social workers).
 */

let t: TestApp;
let advisor: TestClient;
let socialWorker: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
  socialWorker = await t.loginAs("social.basrhin");
});
afterAll(() => t.close());

type Note = { id: string; body: string; visibility: string; mine: boolean; editedAt: string | null; versions: { body: string; replacedBy: string }[] };
const notesOf = async (client: TestClient, id: string): Promise<Note[]> => (await client.get(`/api/support/cases/${id}`)).json().notes;

describe("notes with versions", () => {
  it("the author edits; the pair sees the previous version of a pair note, the advisor sees nothing of a social note's history; others are refused", async () => {
    const id = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
    const base = `/api/support/cases/${id}`;
    await socialWorker.post(`${base}/notes`, { visibility: "pair", body: "Rendez-vous CAF le 3 : à accompagner." });
    await socialWorker.post(`${base}/notes`, { visibility: "social", body: "Violences conjugales signalées, suivi engagé." });
    const [social, pair] = await notesOf(socialWorker, id);
    expect([social.visibility, pair.visibility]).toEqual(["social", "pair"]);

    const editedPair = await socialWorker.patch(`${base}/notes/${pair.id}`, { body: "Rendez-vous CAF le 4 (reporté) : à accompagner." });
    expect(editedPair.statusCode, editedPair.body).toBe(200);
    expect((await socialWorker.patch(`${base}/notes/${social.id}`, { body: "Suivi engagé avec le CIDFF." })).statusCode).toBe(200);

    // The pair sees the pair note's history, with who replaced it.
    const seenByAdvisor = await notesOf(advisor, id);
    expect(seenByAdvisor).toEqual([
      expect.objectContaining({
        id: pair.id,
        body: "Rendez-vous CAF le 4 (reporté) : à accompagner.",
        mine: false,
        editedAt: expect.any(String),
        versions: [expect.objectContaining({ body: "Rendez-vous CAF le 3 : à accompagner.", replacedBy: "Social Basrhin" })],
      }),
    ]);
    // The social note's history is nowhere in what the advisor receives, nor its edit on the timeline.
    const page = (await advisor.get(base)).body;
    expect(page).not.toContain("Violences conjugales");
    expect(page).not.toContain("CIDFF");
    const timeline = (l: { timeline: { kind: string }[] }) => l.timeline.filter((e) => e.kind === "note_edited").length;
    expect(timeline((await advisor.get(base)).json())).toBe(1);
    expect(timeline((await socialWorker.get(base)).json())).toBe(2);
    expect((await notesOf(socialWorker, id)).find((n) => n.id === social.id)).toMatchObject({
      mine: true,
      body: "Suivi engagé avec le CIDFF.",
      versions: [{ body: "Violences conjugales signalées, suivi engagé." }],
    });

    // Only the author edits: the advisor of the pair is refused (403), the social note does not exist for him (404).
    const notAuthor = await advisor.patch(`${base}/notes/${pair.id}`, { body: "Modifié par le conseiller." });
    expect(notAuthor.statusCode).toBe(403);
    expect(notAuthor.json().error).toEqual({ code: "NOTE_AUTHOR_ONLY", message: "Seul l’auteur d’une note peut la modifier." });
    expect((await advisor.patch(`${base}/notes/${social.id}`, { body: "Modifié par le conseiller." })).statusCode).toBe(404);
    expect((await notesOf(socialWorker, id)).map((n) => n.body)).toEqual(["Suivi engagé avec le CIDFF.", "Rendez-vous CAF le 4 (reporté) : à accompagner."]);
  });
});
