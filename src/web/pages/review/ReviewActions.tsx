import { useNavigate } from "react-router";
import { OkSchema } from "../../../shared/contracts/common";
import type { Review } from "../../../shared/contracts/review";
import { api } from "../../api";
import { CommandForm } from "../../components/CommandForm";

const NBSP = "\u00a0";
const count = (n: number, one: string, many: string) => `${n}${NBSP}${n > 1 ? many : one}`;

/** Who the follow-up table is announced to, list by list, as the convention names them. */
function Recipients({ review }: { review: Review }) {
  return (
    <ul>
      {review.distribution.map((d) => (
        <li key={d.label}>
          {d.label}
          {NBSP}: {d.recipients.length ? count(d.recipients.length, "personne", "personnes") : "personne"}
        </li>
      ))}
    </ul>
  );
}

/** Closing the review: irreversible until reopened, so it says first what it will do. */
export function CloseReview({ review, onDone }: { review: Review; onDone: () => void }) {
  // The whole agenda's counts (the page shows only some of its people).
  const { decided, undecided } = review.counts;
  return (
    <CommandForm
      title="Clore la revue"
      submitLabel="Clore la revue et envoyer le tableau de suivi"
      body={() => ({})}
      success="Revue close : le compte rendu et le tableau de suivi sont établis et annoncés."
      confirm={{
        title: "Clore la revue et envoyer le tableau de suivi ?",
        confirmLabel: "Clore et envoyer",
        description: (
          <>
            <p className="fr-mb-1w">
              {count(decided, "décision est déjà appliquée", "décisions sont déjà appliquées")} aux accompagnements
              {undecided > 0 ? ` ; ${count(undecided, "personne reste", "personnes restent")} sans décision et ${undecided > 1 ? "figureront" : "figurera"} comme telles au compte rendu` : ""}.
            </p>
            <p className="fr-mb-1w">
              Le compte rendu (PDF) et le tableau de suivi (XLSX, CSV) de la version {review.version} seront établis et gardés dans Tandem. Le tableau sera
              annoncé par courriel, sans aucun nom, à la liste de diffusion de la convention{NBSP}:
            </p>
            <Recipients review={review} />
            <p className="fr-mb-0">Plus aucune décision ne pourra être enregistrée : pour en corriger une, il faudra rouvrir la revue.</p>
          </>
        ),
      }}
      onSubmit={async () => {
        try {
          await api.post(`/api/reviews/${review.id}/close`, OkSchema);
        } finally {
          onDone();
        }
      }}
    />
  );
}

/** Reopening: a new version where each decision can be corrected; the documents of this version stay. */
export function ReopenReview({ review, onDone }: { review: Review; onDone: () => void }) {
  return (
    <CommandForm
      title="Corriger une décision"
      submitLabel="Rouvrir la revue pour corriger une décision"
      body={() => ({})}
      success="Revue rouverte : chaque décision peut être corrigée."
      confirm={{
        title: `Rouvrir la revue en version ${review.version + 1} ?`,
        confirmLabel: "Rouvrir la revue",
        description: (
          <p className="fr-mb-0">
            Chaque décision pourra être corrigée ; une décision corrigée est appliquée aussitôt à l’accompagnement. Les documents de la version {review.version} restent
            consultables. À la clôture, le compte rendu de la version {review.version + 1} dira quelle décision en remplace une autre, et un tableau corrigé sera
            annoncé à la liste de diffusion.
          </p>
        ),
      }}
      onSubmit={async () => {
        try {
          await api.post(`/api/reviews/${review.id}/reopen`, OkSchema);
        } finally {
          onDone();
        }
      }}
    />
  );
}

/** Deleting a review scheduled by mistake: only while it holds no decision (the server says so too). */
export function DeleteReview({ review, onRefused }: { review: Review; onRefused: () => void }) {
  const navigate = useNavigate();
  // A decision in force on any person of the agenda, whichever version took it.
  const holdsDecisions = review.counts.decided > 0;
  if (holdsDecisions) {
    return (
      <p className="fr-text--sm">
        Cette revue contient des décisions, déjà appliquées aux accompagnements : elle ne peut pas être supprimée.{" "}
        {review.status === "closed" ? "Rouvrez-la pour corriger une décision." : "Corrigez une décision en la rouvrant après sa clôture."}
      </p>
    );
  }
  const sent = review.documents.length > 0;
  return (
    <CommandForm
      title="Supprimer la revue"
      submitLabel="Supprimer la revue"
      body={() => ({})}
      confirm={{
        title: "Supprimer définitivement cette revue ?",
        confirmLabel: "Supprimer la revue",
        description: (
          <>
            <p className="fr-mb-1w">
              La revue programmée par erreur disparaît avec son ordre du jour ({count(review.counts.items, "personne", "personnes")}). Elle ne contient aucune
              décision : aucun accompagnement n’est modifié.
            </p>
            {sent && (
              <p className="fr-mb-1w">
                Son tableau de suivi a déjà été annoncé : ses destinataires seront prévenus par courriel qu’il est sans objet.
              </p>
            )}
            <p className="fr-mb-0">La suppression est définitive ; elle reste tracée au journal d’audit.</p>
          </>
        ),
      }}
      onSubmit={async () => {
        try {
          await api.delete(`/api/reviews/${review.id}`, OkSchema);
        } catch (err) {
          onRefused();
          throw err;
        }
        navigate("/revues", { state: { deleted: true } });
      }}
    />
  );
}
