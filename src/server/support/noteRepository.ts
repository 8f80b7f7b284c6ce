import type { NoteVisibility } from "../../domain/support/vocabulary.js";
import type { NoteView } from "../../shared/contracts/support.js";
import { isoSql, userNameSql } from "./supportRepository.js";

const iso = (d: Date | string) => new Date(d).toISOString();

type NoteJson = {
  id: string;
  visibility: NoteVisibility;
  body: string;
  author_id: string;
  author: string;
  created_at: string;
  edited_at: string | null;
  versions: { body: string; written_at: string; replaced_at: string; replaced_by: string }[];
};

/**
 * The case's notes the caller may read, each with its previous versions, as one JSON expression
 * (read in the same statement as the rest of the case page): filtered in SQL on the note's
 * visibility (`visibilities`, an SQL expression of type text[] holding what the policy lets the
 * caller read), never after. `caseId` is an SQL expression.
 */
export const noteViewsSql = (caseId: string, visibilities: string) => `COALESCE((SELECT json_agg(json_build_object(
    'id', n.id, 'visibility', n.visibility, 'body', n.body, 'author_id', n.author_id, 'author', ${userNameSql("n.author_id")},
    'created_at', ${isoSql("n.created_at")}, 'edited_at', ${isoSql("n.edited_at")},
    'versions', COALESCE((SELECT json_agg(json_build_object('body', v.body, 'written_at', ${isoSql("v.written_at")}, 'replaced_at', ${isoSql("v.replaced_at")},
                  'replaced_by', ${userNameSql("v.replaced_by")}) ORDER BY v.id DESC)
                FROM support_note_versions v WHERE v.note_id = n.id), '[]'::json))
    ORDER BY n.created_at DESC)
  FROM support_notes n WHERE n.case_id = ${caseId} AND n.visibility = ANY(${visibilities})), '[]'::json)`;

/** The views of what noteViewsSql read, for `userId` (whose notes are marked as theirs). */
export const toNoteViews = (notes: NoteJson[], userId: string | null): NoteView[] =>
  notes.map((n) => ({
    id: n.id,
    visibility: n.visibility,
    body: n.body,
    author: n.author,
    createdAt: iso(n.created_at),
    editedAt: n.edited_at ? iso(n.edited_at) : null,
    mine: n.author_id === userId,
    versions: n.versions.map((v) => ({ body: v.body, writtenAt: iso(v.written_at), replacedAt: iso(v.replaced_at), replacedBy: v.replaced_by })),
  }));
