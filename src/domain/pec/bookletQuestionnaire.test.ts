import { describe, expect, it } from "vitest";
import { answerConsequences, answerDifferences, checkBookletAnswers } from "./bookletQuestionnaire.js";

const COMPLETE = { commitments: "yes", evolution: "some", skills: "acquired", training: "no", jobProspect: "no", contact: "no" };

describe("the booklet's questionnaire (ADR 0038)", () => {
  it("keeps a complete answer, texts trimmed and empty ones dropped", () => {
    expect(checkBookletAnswers({ ...COMPLETE, difficulties: "  Horaires  ", skillsComment: " " })).toEqual({ ok: true, answers: { ...COMPLETE, difficulties: "Horaires" } });
  });

  it("refuses each missing or unknown choice on its own field", () => {
    const r = checkBookletAnswers({ ...COMPLETE, evolution: "excellent", skills: undefined, extra: "x" });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([
      ["extra", "BOOKLET_QUESTION_UNKNOWN"],
      ["evolution", "BOOKLET_ANSWER_INVALID"],
      ["skills", "BOOKLET_ANSWER_REQUIRED"],
    ]);
  });

  it("asks « avec qui ? » only when a contact is asked for", () => {
    const missing = checkBookletAnswers({ ...COMPLETE, contact: "meeting" });
    expect(missing.ok ? [] : missing.issues.map((i) => i.path)).toEqual(["contactWith"]);
    const unexpected = checkBookletAnswers({ ...COMPLETE, contactWith: "both" });
    expect(unexpected.ok ? [] : unexpected.issues.map((i) => i.code)).toEqual(["BOOKLET_CONTACT_WITH_UNEXPECTED"]);
  });

  it("a contact asked for says how and with whom; the job prospect is kept", () => {
    expect(answerConsequences({ ...COMPLETE, contact: "meeting", contactWith: "both" }, "tutor")).toEqual({ contact: { mode: "meeting", with: "both" }, jobProspect: "no" });
    expect(answerConsequences({ ...COMPLETE, contact: "phone", contactWith: "alone" }, "employee")).toEqual({ contact: { mode: "phone", with: "employee" }, jobProspect: "no" });
    expect(answerConsequences(COMPLETE, "employee").contact).toBeNull();
  });

  it("the differences are the choices answered differently", () => {
    expect(answerDifferences(COMPLETE, { ...COMPLETE, evolution: "strong", jobProspect: "unknown", contact: "phone" })).toEqual(["evolution", "jobProspect"]);
  });
});
