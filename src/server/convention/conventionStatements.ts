import { instalments } from "../../domain/convention/finance.js";
import { latestTerms, termsOn } from "../../domain/convention/termsInForce.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runConventionCommand } from "./conventionCommand.js";
import { conventionErrors } from "./conventionErrors.js";
import { listAmendments } from "./conventionRepository.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * A payment due « on statement » (« le solde au vu d’un mémoire », 004 art. 3) is its own event:
 * due when the statement is recorded (plus the delay the file writes), with its reminder in the
 * calendar and the daily alerts — never at the end date. One statement per instalment.
 */
export async function recordStatement(db: Db, ctx: Ctx, id: string, s: { instalment: string; recordedOn: string; note?: string }, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.statement_recorded", today }, async ({ tx, row }) => {
    const amendments = await listAmendments(tx, id);
    const terms = latestTerms(row.base_terms, amendments);
    if (!terms.finance || !row.signed_on) throw conventionErrors.statementInvalid([{ path: "instalment", message: "Aucun versement n’est dû au vu d’un mémoire." }]);
    const financeOn = (onDate: string) => termsOn(row.base_terms, amendments, onDate).finance;
    const due = instalments(terms.finance, { effectiveOn: row.effective_on, endsOn: row.ends_on, financeOn });
    const instalment = due.find((i) => i.key === s.instalment);
    const line = instalment && financeOn(instalment.key.split(":")[0])?.schedule[Number(instalment.key.split(":")[1])];
    if (!instalment || line?.due !== "statement") {
      throw conventionErrors.statementInvalid([{ path: "instalment", message: "Choisissez un versement dû au vu d’un mémoire." }]);
    }
    if (s.recordedOn > today) throw conventionErrors.statementInvalid([{ path: "recordedOn", message: "La date du mémoire ne peut pas être dans le futur." }]);
    if (s.recordedOn < row.signed_on) {
      throw conventionErrors.statementInvalid([{ path: "recordedOn", message: `Un mémoire ne peut pas précéder la signature de la convention (${frenchDate(row.signed_on)}).` }]);
    }
    const inserted = await tx.query(
      `INSERT INTO convention_statements (convention_id, instalment_key, recorded_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (convention_id, instalment_key) DO NOTHING RETURNING 1`,
      [id, s.instalment, s.recordedOn, s.note ?? null, ctx.user.id],
    );
    if (!inserted.length) throw conventionErrors.statementInvalid([{ path: "instalment", message: "Un mémoire est déjà enregistré pour ce versement." }]);
    return { event: { kind: "statement_recorded", occurredOn: s.recordedOn, details: { instalment: s.instalment, label: instalment.label } } };
  });
}

/** The statements recorded, as the calendar reads them (schedule line, instalment, label, day). */
export async function listStatements(db: Db, conventionId: string) {
  const rows = await db.query<{ instalment_key: string; recorded_on: string }>(
    "SELECT instalment_key, recorded_on FROM convention_statements WHERE convention_id = $1 ORDER BY recorded_on, instalment_key",
    [conventionId],
  );
  return rows.map((r) => ({ instalmentKey: r.instalment_key, scheduleIndex: Number(r.instalment_key.split(":")[1]), recordedOn: r.recorded_on }));
}
