import { createHash } from "node:crypto";
import { type AuditChainBreak, type AuditChainReport, describeAuditChainBreak, parisDateTime } from "../../shared/contracts/auditIntegrity.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { type RequestContext, systemContext } from "../platform/requestContext.js";

/**
 * Verification of the audit trail's hash chain (migrations/010, 020). Each event's hash is
 * SHA-256 over a canonical serialisation of its fields and the previous event's hash; the
 * serialisation is recomputed here, independently of the SQL function that wrote it, from the
 * fields as PostgreSQL renders them as text (UTC time with microseconds, normalised jsonb,
 * hashes — stored as 32 bytes — in lowercase hexadecimal).
 *
 * Months older than a year are purged (migrations/020, auditRetention.ts): each purge leaves an
 * anchor, the seq and hash of the last event of the purged month. The chain is then checked from
 * the latest anchor: the event after it must carry its hash, and every event after that follows
 * as before. Events numbered before the anchor but still kept (written in the last seconds of
 * the purged month's neighbour, committed before an event of the purged month) are checked for
 * their own hash and their link to a kept predecessor; the purged numbers are no break.
 */

/** The fields in their canonical text form, in the order they are hashed. */
type ChainRow = {
  seq: string;
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string | null;
  hash: string;
};

const CHAIN_COLUMNS = `seq::text AS seq, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_user_id::text AS actor_user_id, actor_email, actor_organisation_id::text AS actor_organisation_id,
  action, subject_type, subject_id, details::text AS details, request_id, ip,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

/** '-' for NULL, else '<length in UTF-8 bytes>:<text>': no two field lists give the same text. */
const field = (v: string | null) => (v === null ? "-" : `${Buffer.byteLength(v, "utf8")}:${v}`);

export function auditEventHash(r: Omit<ChainRow, "hash">): string {
  const canonical = [
    r.seq,
    r.id,
    r.occurred_at,
    r.actor_user_id,
    r.actor_email,
    r.actor_organisation_id,
    r.action,
    r.subject_type,
    r.subject_id,
    r.details,
    r.request_id,
    r.ip,
    r.prev_hash,
  ]
    .map(field)
    .join("");
  return createHash("sha256").update(`tandem-audit-v1${canonical}`, "utf8").digest("hex");
}

const MAX_LISTED_BREAKS = 20;
const iso = (canonicalUtc: string) => new Date(canonicalUtc).toISOString();

/**
 * Reads the chain in batches in seq order (keyset pagination on the unique index: memory stays
 * flat whatever the size of the trail) up to the head read at the start, so that events
 * appended meanwhile are left for the next verification. Every event is checked, even after
 * a break: the report lists where each break is.
 */
export async function verifyAuditChain(db: Db, opts: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const batchSize = opts.batchSize ?? 5000;
  const [head] = await db.query<{ last_seq: string; last_hash: string | null }>(
    "SELECT last_seq::text AS last_seq, encode(last_hash, 'hex') AS last_hash FROM audit_chain WHERE id = 1",
  );
  const headSeq = Number(head?.last_seq ?? 0);
  // The latest anchor (the highest purged number): where the kept chain starts.
  const [anchor] = await db.query<{ last_seq: string; last_hash: string }>(
    "SELECT last_seq::text AS last_seq, encode(last_hash, 'hex') AS last_hash FROM audit_anchors ORDER BY last_seq DESC LIMIT 1",
  );
  const anchorSeq = anchor ? Number(anchor.last_seq) : 0;

  const breaks: AuditChainBreak[] = [];
  let breakCount = 0;
  const report = (b: AuditChainBreak) => {
    breakCount++;
    if (breaks.length < MAX_LISTED_BREAKS) breaks.push(b);
  };
  let verified = 0;
  let expectedSeq = anchorSeq + 1;
  let previousHash: string | null = anchor?.last_hash ?? null;
  // The kept events numbered before the anchor: the last one read, to check the link of the next.
  let beforeAnchor: ChainRow | null = null;
  let firstRow: ChainRow | null = null;
  let lastRow: ChainRow | null = null;
  // Dates are turned into ISO strings only where a break or an end needs one (millions of rows).
  const where = (r: ChainRow) => ({ seq: Number(r.seq), eventId: r.id, occurredAt: iso(r.occurred_at) });

  for (let after = 0; after < headSeq; ) {
    // Only a lower bound: with an upper one too, the planner may sort the whole range for each batch.
    const limit = Math.min(batchSize, headSeq - after);
    const rows = await db.query<ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY audit_events.seq LIMIT $2`, [after, limit]);
    let done = rows.length < limit;
    for (const r of rows) {
      const seq = Number(r.seq);
      // Appended after the verification started (the rows read may run past the head when some are missing).
      if (seq > headSeq) {
        done = true;
        break;
      }
      if (seq <= anchorSeq) {
        // Kept, though numbered before the anchor: its own hash, and its link when its predecessor is kept too.
        if (beforeAnchor && Number(beforeAnchor.seq) === seq - 1 && r.prev_hash !== beforeAnchor.hash) report({ ...where(r), reason: "relinked" });
        beforeAnchor = r;
      } else if (seq !== expectedSeq) report({ ...where(r), reason: "missing", missingFrom: expectedSeq, missingTo: seq - 1 });
      else if (r.prev_hash !== previousHash) report({ ...where(r), reason: "relinked" });
      if (auditEventHash(r) !== r.hash) report({ ...where(r), reason: "altered" });
      firstRow ??= r;
      lastRow = r;
      if (seq > anchorSeq) {
        previousHash = r.hash;
        expectedSeq = seq + 1;
      }
      verified++;
    }
    if (done || rows.length === 0) break;
    after = Number(rows[rows.length - 1].seq);
  }
  // The head says how far the chain went and what its last hash was: events deleted at the
  // end, or a last event rewritten with a recomputed hash (no next event to betray it).
  if (expectedSeq <= headSeq) report({ seq: headSeq, eventId: null, occurredAt: null, reason: "missing", missingFrom: expectedSeq, missingTo: headSeq });
  else if (expectedSeq > anchorSeq + 1 && previousHash !== head.last_hash) report({ ...where(lastRow as ChainRow), reason: "altered" });

  const end = (r: ChainRow | null) => (r ? { seq: Number(r.seq), occurredAt: iso(r.occurred_at), hash: r.hash } : null);
  const first = end(firstRow);
  const last = end(lastRow);
  return { intact: breakCount === 0, verifiedEvents: verified, first, last, breaks, breakCount, checkedAt: new Date().toISOString() };
}

/** A verification is traced in the trail itself: who checked, and what they were told. */
export async function recordVerification(db: Db, ctx: RequestContext, result: AuditChainReport): Promise<AuditChainReport> {
  await db.transaction((tx) =>
    audit(tx, ctx, {
      action: "audit.chain_verified",
      subjectType: "audit_trail",
      details: { intact: result.intact, verifiedEvents: result.verifiedEvents, breakCount: result.breakCount, lastSeq: result.last?.seq ?? null, lastHash: result.last?.hash ?? null },
    }),
  );
  return result;
}

const n = (v: number) => v.toLocaleString("fr-FR");

/** `tandem audit:verify`: the report as text, exit code 0 if the chain is intact, 1 if it is broken. */
export async function runAuditVerify(db: Db, ctx: RequestContext = systemContext("cli-audit-verify")) {
  const r = await recordVerification(db, ctx, await verifyAuditChain(db));
  const span = r.first && r.last ? ` (n° ${r.first.seq} à ${r.last.seq}, du ${parisDateTime(r.first.occurredAt)} au ${parisDateTime(r.last.occurredAt)})` : "";
  const lines = r.intact
    ? [`Chaîne du journal d’audit intacte : ${n(r.verifiedEvents)} évènements vérifiés${span}.`]
    : [
        `Chaîne du journal d’audit ROMPUE : ${n(r.breakCount)} rupture(s) sur ${n(r.verifiedEvents)} évènements lus${span}.`,
        ...r.breaks.map((b) => `  - ${describeAuditChainBreak(b)}`),
        ...(r.breakCount > r.breaks.length ? [`  … et ${n(r.breakCount - r.breaks.length)} autre(s).`] : []),
      ];
  const [anchor] = await db.query<{ last_seq: string }>("SELECT last_seq::text AS last_seq FROM audit_anchors ORDER BY last_seq DESC LIMIT 1");
  if (anchor) lines.push(`Évènements jusqu’au n° ${anchor.last_seq} supprimés (plus d’un an) : la chaîne est vérifiée à partir de leur ancrage.`);
  if (r.last) lines.push(`Empreinte du dernier évènement (n° ${r.last.seq}) : ${r.last.hash}`);
  return { exitCode: r.intact ? 0 : 1, output: lines.join("\n"), report: r };
}
