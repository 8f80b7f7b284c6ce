/**
 * The follow-up booklet's questionnaire (000 art. 3.1 a: « un questionnement qui peut conduire à
 * une prise de contact : entretien téléphonique ou physique, bilatéral ou multilatéral »). The
 * employee and the tutor answer the same questions, each worded for them, so that the referent
 * advisor reads both side by side and sees where they differ (ADR 0038).
 */

export type Respondent = "employee" | "tutor";
export const RESPONDENTS: Respondent[] = ["employee", "tutor"];
export const RESPONDENT_LABELS: Record<Respondent, string> = { employee: "Salarié·e", tutor: "Tuteur ou tutrice" };

export const QUESTIONNAIRE_VERSION = 1;

type Option = { value: string; label: string };
export type BookletQuestion =
  | { key: string; kind: "choice"; label: Record<Respondent, string>; options: Option[]; required: true }
  | { key: string; kind: "text"; label: Record<Respondent, string>; required: boolean; maxLength: number };

const YES_PARTLY_NO: Option[] = [
  { value: "yes", label: "Oui" },
  { value: "partly", label: "En partie" },
  { value: "no", label: "Non" },
];

export const BOOKLET_QUESTIONS: BookletQuestion[] = [
  {
    key: "commitments",
    kind: "choice",
    label: {
      employee: "Les engagements pris lors de l’entretien tripartite (par vous, votre employeur et votre tuteur) sont-ils respectés ?",
      tutor: "Les engagements pris lors de l’entretien tripartite (par l’employeur, le tuteur et le salarié) sont-ils respectés ?",
    },
    options: YES_PARTLY_NO,
    required: true,
  },
  {
    key: "evolution",
    kind: "choice",
    label: {
      employee: "Comment jugez-vous votre évolution depuis le début du contrat ?",
      tutor: "Comment jugez-vous l’évolution du salarié depuis le début du contrat ?",
    },
    options: [
      { value: "strong", label: "Nette progression" },
      { value: "some", label: "Progression légère" },
      { value: "none", label: "Pas de progression" },
    ],
    required: true,
  },
  {
    key: "skills",
    kind: "choice",
    label: {
      employee: "Les compétences fixées lors de l’entretien tripartite sont-elles acquises ?",
      tutor: "Les compétences fixées lors de l’entretien tripartite sont-elles acquises par le salarié ?",
    },
    options: [
      { value: "acquired", label: "Acquises" },
      { value: "in_progress", label: "En cours d’acquisition" },
      { value: "not_started", label: "Pas encore travaillées" },
    ],
    required: true,
  },
  {
    key: "skillsComment",
    kind: "text",
    label: { employee: "Précisez les compétences acquises ou à travailler (facultatif)", tutor: "Précisez les compétences acquises ou à travailler (facultatif)" },
    required: false,
    maxLength: 2000,
  },
  {
    key: "training",
    kind: "choice",
    label: {
      employee: "Avez-vous suivi une formation ou une action d’accompagnement prévue ?",
      tutor: "Le salarié a-t-il suivi une formation ou une action d’accompagnement prévue ?",
    },
    options: [
      { value: "yes", label: "Oui" },
      { value: "planned", label: "Prévue, pas encore suivie" },
      { value: "no", label: "Non" },
    ],
    required: true,
  },
  {
    key: "trainingDetail",
    kind: "text",
    label: { employee: "Laquelle ? (facultatif)", tutor: "Laquelle ? (facultatif)" },
    required: false,
    maxLength: 2000,
  },
  {
    key: "difficulties",
    kind: "text",
    label: {
      employee: "Rencontrez-vous des difficultés (dans le poste, l’équipe, les horaires, les trajets…) ? (facultatif)",
      tutor: "Rencontrez-vous des difficultés avec le salarié ou dans l’exercice du tutorat ? (facultatif)",
    },
    required: false,
    maxLength: 2000,
  },
  {
    key: "jobProspect",
    kind: "choice",
    label: {
      employee: "Avez-vous une perspective d’emploi ou de formation à la fin du contrat ?",
      tutor: "Le salarié a-t-il, selon vous, une perspective d’emploi à la fin du contrat ?",
    },
    options: [
      { value: "yes", label: "Oui" },
      { value: "no", label: "Non" },
      { value: "unknown", label: "Je ne sais pas" },
    ],
    required: true,
  },
  {
    key: "contact",
    kind: "choice",
    label: { employee: "Souhaitez-vous être contacté·e par le conseiller ?", tutor: "Souhaitez-vous être contacté·e par le conseiller ?" },
    options: [
      { value: "no", label: "Non" },
      { value: "phone", label: "Oui, par téléphone" },
      { value: "meeting", label: "Oui, lors d’un entretien" },
    ],
    required: true,
  },
  {
    key: "contactWith",
    kind: "choice",
    label: { employee: "Avec qui ?", tutor: "Avec qui ?" },
    options: [
      { value: "alone", label: "Moi seul·e avec le conseiller" },
      { value: "both", label: "Le salarié, le tuteur et le conseiller ensemble" },
    ],
    required: true,
  },
];

export type BookletAnswers = Record<string, string>;
export type AnswerIssue = { path: string; code: string; message: string };

/**
 * Checks an answer against the questionnaire: every choice among its options, the texts within
 * their length, nothing else; « Avec qui ? » only when a contact is asked for. Returns the answers
 * kept (trimmed, empty texts dropped) or the issues, each on its field.
 */
export function checkBookletAnswers(input: unknown): { ok: true; answers: BookletAnswers } | { ok: false; issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: "answers", code: "BOOKLET_ANSWERS_INVALID", message: "Les réponses au livret sont attendues." }] };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!BOOKLET_QUESTIONS.some((q) => q.key === key)) issues.push({ path: key, code: "BOOKLET_QUESTION_UNKNOWN", message: "Cette question n’existe pas dans le livret." });
  }
  const answers: BookletAnswers = {};
  const wantsContact = raw.contact === "phone" || raw.contact === "meeting";
  for (const q of BOOKLET_QUESTIONS) {
    const v = raw[q.key];
    if (q.key === "contactWith" && !wantsContact) {
      if (v !== undefined && v !== null && v !== "") issues.push({ path: q.key, code: "BOOKLET_CONTACT_WITH_UNEXPECTED", message: "Précisez avec qui seulement si vous souhaitez être contacté·e." });
      continue;
    }
    if (q.kind === "choice") {
      if (v === undefined || v === null || v === "") issues.push({ path: q.key, code: "BOOKLET_ANSWER_REQUIRED", message: "Choisissez une réponse." });
      else if (typeof v !== "string" || !q.options.some((o) => o.value === v))
        issues.push({ path: q.key, code: "BOOKLET_ANSWER_INVALID", message: "Choisissez une des réponses proposées." });
      else answers[q.key] = v;
    } else {
      if (v === undefined || v === null) continue;
      if (typeof v !== "string") issues.push({ path: q.key, code: "BOOKLET_ANSWER_INVALID", message: "Une réponse écrite est attendue." });
      else if (v.trim().length > q.maxLength) issues.push({ path: q.key, code: "BOOKLET_ANSWER_TOO_LONG", message: `${q.maxLength} caractères au plus.` });
      else if (v.trim()) answers[q.key] = v.trim();
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers };
}

/** What a kept answer asks of the advisor: a contact (how, with whom) and the job prospect. */
export function answerConsequences(answers: BookletAnswers, respondent: Respondent) {
  const contact = answers.contact === "phone" || answers.contact === "meeting" ? answers.contact : null;
  return {
    contact: contact ? { mode: contact as "phone" | "meeting", with: answers.contactWith === "both" ? ("both" as const) : respondent } : null,
    jobProspect: answers.jobProspect as "yes" | "no" | "unknown",
  };
}

/** The choice questions the two respondents answered differently (the advisor sees them highlighted). */
export function answerDifferences(employee: BookletAnswers, tutor: BookletAnswers): string[] {
  return BOOKLET_QUESTIONS.filter((q) => q.kind === "choice" && q.key !== "contactWith" && q.key !== "contact" && employee[q.key] !== tutor[q.key]).map((q) => q.key);
}

/** The label of a choice's value ("—" when unanswered). */
export function optionLabel(key: string, value: string | undefined): string {
  const q = BOOKLET_QUESTIONS.find((x) => x.key === key);
  if (!value) return "—";
  return q?.kind === "choice" ? (q.options.find((o) => o.value === value)?.label ?? value) : value;
}
