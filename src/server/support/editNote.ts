import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { readableNoteVisibilities } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";

/**
 * Its author rewrites a note; the text it replaces is kept as a previous version, seen by whoever
 * may see the note. The timeline says a note was edited, never what it says, and only to those
 * who may read a note of that visibility (the page filters the event on it).
 */
export async function editNote(deps: SupportDeps, ctx: RequestContext & { user: SessionUser }, caseId: string, noteId: string, input: { body: string }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.note_edited", today }, async ({ tx, today }) => {
    // A note the user may not read does not exist for them (404), as on the page.
    const [note] = await tx.query<{ visibility: string; body: string; author_id: string }>(
      "SELECT visibility, body, author_id FROM support_notes WHERE id = $1 AND case_id = $2 AND visibility = ANY($3::text[]) FOR UPDATE",
      [noteId, caseId, readableNoteVisibilities(ctx.user)],
    );
    if (!note) throw supportErrors.noteNotFound();
    if (note.author_id !== ctx.user.id) throw supportErrors.noteAuthorOnly();
    if (note.body === input.body) return { change: {}, event: null };
    await tx.query(
      `INSERT INTO support_note_versions (note_id, body, written_at, replaced_by)
       SELECT id, body, COALESCE(edited_at, created_at), $2 FROM support_notes WHERE id = $1`,
      [noteId, ctx.user.id],
    );
    await tx.query("UPDATE support_notes SET body = $2, edited_at = now() WHERE id = $1", [noteId, input.body]);
    return { change: {}, event: { kind: "note_edited", occurredOn: today, details: { visibility: note.visibility } } };
  });
}
