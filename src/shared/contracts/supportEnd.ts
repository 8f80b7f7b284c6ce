import { z } from "zod";
import { SUPPORT_STATUSES } from "../../domain/support/vocabulary.js";

/**
 * The cases left open under a convention that has ended (or been terminated), listed for a
 * decision (ADR 0024): they take no new act; each is closed by its exit, or the convention is
 * renewed by amendment. Each convention the caller's organisation acts under, with how many cases
 * are still open under it, and the ones the caller may read.
 */
export const EndedConventionCasesSchema = z.object({
  conventions: z.array(
    z.object({
      conventionId: z.string(),
      number: z.string(),
      title: z.string(),
      endsOn: z.string(),
      terminated: z.boolean(),
      openCases: z.number().int(),
      cases: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.enum(SUPPORT_STATUSES),
          enteredOn: z.string().nullable(),
          periodEndsOn: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type EndedConventionCases = z.infer<typeof EndedConventionCasesSchema>;
