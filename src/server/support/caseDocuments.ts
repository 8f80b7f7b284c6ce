import type { NoteVisibility } from "../../domain/support/vocabulary.js";
import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { DOCUMENT_MAX_BYTES } from "../../shared/contracts/support.js";
import { runCaseCommand } from "./caseCommand.js";
import { authorizeCase } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";
import { AppError } from "../platform/errors.js";

type Ctx = RequestContext & { user: SessionUser };

/** A document carries a visibility like a note: one may only file what one's role may read. */
export async function addDocument(
  deps: SupportDeps,
  ctx: Ctx,
  caseId: string,
  input: { visibility: NoteVisibility; name: string; contentType: string; contentBase64: string },
  today?: string,
) {
  authorize(ctx.user, "support.note.read", { visibility: input.visibility });
  const content = Buffer.from(input.contentBase64, "base64");
  if (content.length === 0 || content.length > DOCUMENT_MAX_BYTES) {
    throw new AppError(400, "DOCUMENT_SIZE_INVALID", "Le fichier doit faire entre 1 octet et 5 Mo.");
  }
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.document_added", today }, async ({ tx }) => {
    await tx.query(
      "INSERT INTO support_documents (case_id, visibility, name, content_type, size_bytes, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [caseId, input.visibility, input.name, input.contentType, content.length, content, ctx.user.id],
    );
    // The timeline names the document only when everyone who sees the timeline may see it.
    return { change: {}, event: { kind: "document_added", occurredOn: today ?? parisToday(), details: input.visibility === "pair" ? { name: input.name } : {} } };
  });
}

/** Downloads a document the user's role may read, on a case they may read; outsiders get a 404. */
export async function readDocument(db: Db, ctx: Ctx, caseId: string, documentId: string) {
  const row = await findCase(db, caseId);
  if (!row) throw supportErrors.caseNotFound();
  await authorizeCase(db, ctx, row, "support.case.read", parisToday());
  const [doc] = await db.query<{ name: string; content_type: string; content: Buffer | Uint8Array; visibility: NoteVisibility }>(
    "SELECT name, content_type, content, visibility FROM support_documents WHERE id = $1 AND case_id = $2",
    [documentId, caseId],
  );
  if (!doc || !can(ctx.user, "support.note.read", { visibility: doc.visibility })) {
    throw new AppError(404, "DOCUMENT_NOT_FOUND", "Document introuvable.");
  }
  await auditRead(db, ctx, { action: "support.document_read", subjectType: "support_case", subjectId: caseId, details: { documentId } });
  return { name: doc.name, contentType: doc.content_type, content: Buffer.from(doc.content) };
}
