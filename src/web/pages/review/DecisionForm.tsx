import { useState } from "react";
import { DECISION_LABELS, type DecisionKind } from "../../../domain/review/decisions";
import { EXIT_TYPE_LABELS, EXIT_TYPES } from "../../../domain/support/vocabulary";
import { OkSchema } from "../../../shared/contracts/common";
import { RecordDecisionRequestSchema, type ReviewItem } from "../../../shared/contracts/review";
import { api } from "../../api";
import { CommandForm, FormInput, FormProblem, FormSelect, formText } from "../../components/CommandForm";

/** The decisions that make sense for a case in its current state; the server checks them again. */
export function decisionsFor(item: ReviewItem): DecisionKind[] {
  switch (item.status) {
    case "awaiting_entry":
    case "diagnosed":
      return ["accept_entry", "refuse_entry", "other"];
    case "social_only":
      return ["keep_social_only", "end_social_only", "exit", ...(item.rsa ? (["reorient"] as const) : []), "other"];
    case "active":
      return ["renew", "exit", ...(item.rsa ? (["reorient"] as const) : []), "other"];
    default:
      return ["other"];
  }
}

type Body = { kind: DecisionKind; exitType: string | null; note: string | null };

/** What the contract cannot say: an exit names its type, « Autre » is explained in a note (checked again by the server). */
function decisionBody(data: FormData): Body {
  const kind = formText(data, "kind") as DecisionKind;
  const exitType = kind === "exit" ? formText(data, "exitType") || null : null;
  const note = formText(data, "note") || null;
  const issues = [
    ...(kind === "exit" && !exitType ? [{ field: "exitType", message: "Une sortie doit préciser son type." }] : []),
    ...(kind === "other" && !note ? [{ field: "note", message: "Une décision « Autre » doit être expliquée dans une note." }] : []),
  ];
  if (issues.length) throw new FormProblem(issues);
  return { kind, exitType, note };
}

/**
 * One decision of the review, saved the moment it is taken and applied to the case at once. On a
 * reopened review the same form corrects the decision in force: the new one replaces it, and the
 * minutes of the new version say so.
 */
export function DecisionForm({ item, reviewId, correcting, onSaved }: { item: ReviewItem; reviewId: string; correcting: boolean; onSaved: () => void }) {
  const [kind, setKind] = useState("");
  const options = decisionsFor(item).map((o) => ({ value: o, label: DECISION_LABELS[o] }));
  return (
    <CommandForm<Body>
      title={correcting ? `Corriger la décision pour ${item.person}` : `Décision de la revue pour ${item.person}`}
      titleAs="h4"
      titleClassName="fr-text--md fr-text--bold fr-mb-1w"
      submitLabel={correcting ? "Enregistrer la correction" : "Enregistrer"}
      schema={RecordDecisionRequestSchema}
      body={decisionBody}
      success="Décision enregistrée et appliquée à l’accompagnement."
      className="fr-mb-0"
      onSubmit={async (body) => {
        try {
          await api.put(`/api/reviews/${reviewId}/decisions/${item.caseId}`, OkSchema, body);
        } finally {
          // Saved or refused (the review closed meanwhile…), the page shows the review as it is now.
          onSaved();
        }
      }}
    >
      {/* The exit type is asked only for an exit: the choice is followed as it changes. */}
      <div
        className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
        onChange={(e) => {
          const target = e.target;
          if (target instanceof HTMLSelectElement && target.name === "kind") setKind(target.value);
        }}
      >
        <div className="fr-col-12 fr-col-md-4">
          <FormSelect label={`${correcting ? "Nouvelle décision" : "Décision"} pour ${item.person}`} name="kind" options={options} placeholder="Choisir" required />
        </div>
        {kind === "exit" && (
          <div className="fr-col-12 fr-col-md-4">
            <FormSelect label={`Type de sortie pour ${item.person}`} name="exitType" options={EXIT_TYPES.map((t) => ({ value: t, label: EXIT_TYPE_LABELS[t] }))} placeholder="Choisir" />
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <FormInput label={`Note pour ${item.person}`} name="note" hint={kind === "other" ? "Obligatoire pour « Autre »" : "Facultative"} />
        </div>
      </div>
    </CommandForm>
  );
}
