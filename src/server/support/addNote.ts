import type { NoteVisibility } from "../../domain/support/vocabulary.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";

/** A note with its visibility: one may only write what one's role may read (a social note is written by a social worker). */
export async function addNote(deps: SupportDeps, ctx: RequestContext & { user: SessionUser }, caseId: string, input: { visibility: NoteVisibility; body: string }, today?: string) {
  authorize(ctx.user, "support.note.read", { visibility: input.visibility });
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.note_added", today }, async ({ tx }) => {
    await tx.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, $2, $3, $4)", [caseId, input.visibility, input.body, ctx.user.id]);
    // The timeline says a note was written, never what it says: its visibility is the note's own.
    return { change: {}, event: null };
  });
}
