import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { AGENDA_REASON_LABELS, type AgendaReason } from "../../../domain/review/agenda";
import { DECISION_LABELS } from "../../../domain/review/decisions";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { EXIT_TYPE_LABELS } from "../../../domain/support/vocabulary";
import type { ReviewItem } from "../../../shared/contracts/review";
import { DecisionForm } from "./DecisionForm";

type Decided = { kind: ReviewItem["history"][number]["kind"]; exitType: string | null };
const decisionText = (d: Decided) =>
  `${DECISION_LABELS[d.kind]}${d.exitType ? ` — ${EXIT_TYPE_LABELS[d.exitType as keyof typeof EXIT_TYPE_LABELS] ?? d.exitType}` : ""}`;

/** One person on the agenda: why they are there, their dates, the decision in force and, while the review is open, the form to take or correct it. */
export function AgendaRow({ item, reviewId, version, open, onSaved }: { item: ReviewItem; reviewId: string; version: number; open: boolean; onSaved: () => void }) {
  const decision = item.decision;
  const decidedNow = decision?.version === version;
  // What this version's decision replaces: the one in force before the reopening.
  const replaced = decidedNow ? item.history.filter((h) => h.version < version).at(-1) : undefined;
  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">
        {item.person} <span className="fr-text--sm">({item.ftIdentifier})</span>
      </h3>
      <p className="fr-mb-1w">
        {item.reasons.map((r) => (
          <Badge key={r} small severity="warning" className="fr-mr-1w">
            {AGENDA_REASON_LABELS[r as AgendaReason] ?? r}
          </Badge>
        ))}
        {item.rsa && (
          <Badge small severity="info">
            RSA
          </Badge>
        )}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        Binôme : {item.advisor ?? "—"} / {item.socialWorker ?? "—"} · Origine : {item.origin} · Orientation le {frenchDate(item.orientedOn)}
        {item.enteredOn ? ` · Entrée le ${frenchDate(item.enteredOn)}` : ""}
        {item.periodEndsOn ? ` · Fin de période le ${frenchDate(item.periodEndsOn)}` : ""}
        {item.maxEndsOn ? ` · Durée maximale le ${frenchDate(item.maxEndsOn)}` : ""}
      </p>
      {decidedNow ? (
        <Alert
          small
          severity="success"
          description={`Décision enregistrée : ${decisionText(decision)} (par ${decision.decidedBy})${replaced ? `. Elle remplace la décision de la version ${replaced.version} : ${decisionText(replaced)}` : ""}.`}
        />
      ) : decision ? (
        <p className="fr-text--sm fr-mb-1w">
          <strong>Décision en vigueur</strong> (version {decision.version}) : {decisionText(decision)}
          {decision.note ? ` — ${decision.note}` : ""}
        </p>
      ) : !open ? (
        <p className="fr-text--sm">Pas de décision dans cette version.</p>
      ) : null}
      {open && !decidedNow && <DecisionForm item={item} reviewId={reviewId} correcting={decision !== null} onSaved={onSaved} />}
    </>
  );
}
