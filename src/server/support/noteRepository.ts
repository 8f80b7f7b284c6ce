import type { NoteVisibility } from "../../domain/support/vocabulary.js";
import type { NoteView } from "../../shared/contracts/support.js";
import type { Db } from "../platform/db.js";

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The case's notes the caller may read, each with its previous versions: both filtered in SQL on
 * the note's visibility (`visibilities`, what the policy lets the caller read), never after.
 */
export async function listNoteViews(db: Db, caseId: string, visibilities: readonly NoteVisibility[], userId: string | null): Promise<NoteView[]> {
  const notes = await db.query<{ id: string; visibility: NoteVisibility; body: string; author_id: string; author: string; created_at: Date; edited_at: Date | null }>(
    `SELECT n.id, n.visibility, n.body, n.author_id, u.first_name || ' ' || u.last_name AS author, n.created_at, n.edited_at
       FROM support_notes n JOIN users u ON u.id = n.author_id
      WHERE n.case_id = $1 AND n.visibility = ANY($2::text[]) ORDER BY n.created_at DESC`,
    [caseId, visibilities],
  );
  const versions = await db.query<{ note_id: string; body: string; written_at: Date; replaced_at: Date; replaced_by: string }>(
    `SELECT v.note_id, v.body, v.written_at, v.replaced_at, u.first_name || ' ' || u.last_name AS replaced_by
       FROM support_note_versions v JOIN support_notes n ON n.id = v.note_id JOIN users u ON u.id = v.replaced_by
      WHERE n.case_id = $1 AND n.visibility = ANY($2::text[]) ORDER BY v.id DESC`,
    [caseId, visibilities],
  );
  return notes.map((n) => ({
    id: n.id,
    visibility: n.visibility,
    body: n.body,
    author: n.author,
    createdAt: iso(n.created_at),
    editedAt: n.edited_at ? iso(n.edited_at) : null,
    mine: n.author_id === userId,
    versions: versions
      .filter((v) => v.note_id === n.id)
      .map((v) => ({ body: v.body, writtenAt: iso(v.written_at), replacedAt: iso(v.replaced_at), replacedBy: v.replaced_by })),
  }));
}
