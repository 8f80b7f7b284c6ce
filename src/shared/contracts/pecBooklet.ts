import { z } from "zod";

/** The PEC follow-up booklet's API (ADR 0038): the public page behind a link, the contract's booklet, the follow-up commands. */

const Respondent = z.enum(["employee", "tutor"]);
const Option = z.object({ value: z.string(), label: z.string() });

export const BookletTokenParamSchema = z.strictObject({ token: z.string().min(20).max(100) });

export const PublicBookletSchema = z.object({
  respondent: Respondent,
  milestone: z.object({ label: z.string(), dueOn: z.string() }),
  employerName: z.string(),
  post: z.string(),
  employeeName: z.string().nullable(),
  whoSees: z.string(),
  questions: z.array(
    z.object({ key: z.string(), kind: z.enum(["choice", "text"]), label: z.string(), required: z.boolean(), options: z.array(Option).optional(), maxLength: z.number().optional() }),
  ),
});
export type PublicBooklet = z.infer<typeof PublicBookletSchema>;

/** The answers as sent by the page: checked by the domain's questionnaire (each issue on its field). */
export const AnswerBookletSchema = z.strictObject({ answers: z.record(z.string(), z.unknown()) });

const Answers = z.record(z.string(), z.string());
export const ContractBookletSchema = z.object({
  canFollow: z.boolean(),
  /** For France Travail's advisors: whether the e-mails reach the employee (null for the employer). */
  employeeHasEmail: z.boolean().nullable(),
  questions: z.array(z.object({ key: z.string(), kind: z.enum(["choice", "text"]), label: z.string(), options: z.array(Option).optional() })),
  milestones: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      dueOn: z.string(),
      status: z.enum(["open", "cancelled"]),
      isLast: z.boolean(),
      employeeAnsweredAt: z.string().nullable(),
      tutorAnsweredAt: z.string().nullable(),
      answers: z.object({ employee: Answers, tutor: Answers, differences: z.array(z.string()) }).nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.string(),
      milestoneId: z.string(),
      respondent: Respondent,
      contactMode: z.string(),
      contactWith: z.string(),
      status: z.string(),
      createdAt: z.string(),
      doneAt: z.string().nullable(),
      doneNote: z.string().nullable(),
    }),
  ),
  preExit: z.object({ proposedAt: z.string(), scheduledOn: z.string().nullable(), heldOn: z.string().nullable(), note: z.string().nullable() }).nullable(),
});
export type ContractBooklet = z.infer<typeof ContractBookletSchema>;

export const HandLinkSchema = z.strictObject({ respondent: Respondent });
export const HandedLinkSchema = z.object({ url: z.string(), expiresOn: z.string() });

export const CompleteTaskSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const SchedulePreExitSchema = z.strictObject({ scheduledOn: z.iso.date() });
export const PreExitHeldSchema = z.strictObject({ heldOn: z.iso.date(), note: z.string().trim().max(4000).optional() });
