import { Button } from "@codegouvfr/react-dsfr/Button";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { useState } from "react";
import { Link } from "react-router";
import { CaseViewSchema, type OrientationQueue } from "../../../shared/contracts/support";
import { api } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { frenchDate, StatusBadge, UrgencyBadge } from "./supportFormat";

const SIDE_LABELS = { france_travail: "conseiller France Travail", social: "travailleur social" } as const;
const age = (days: number) => (days === 0 ? "aujourd’hui" : days === 1 ? "hier" : `il y a ${days} jours`);

/**
 * « Orientations à attribuer »: the cases whose side the user takes up is still free, most urgent
 * start first, each with « Prendre en charge ». The server decides; a case taken a moment before by
 * a colleague answers with who took it.
 */
export function OrientationQueuePanel(props: { queue: OrientationQueue; pageSize: number; onPage: (page: number) => void; onTakenUp: () => void }) {
  const { queue } = props;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const takeUp = async (id: string, name: string) => {
    setError(null);
    setDone(null);
    setBusy(id);
    try {
      const view = await api.post(`/api/support/cases/${id}/take-up`, CaseViewSchema, {});
      setDone(
        view.pair
          ? `Vous avez pris en charge l’accompagnement de ${name} : le binôme est formé, il est dans votre portefeuille.`
          : `Vous avez pris en charge l’accompagnement de ${name} : il est dans votre portefeuille.`,
      );
      props.onTakenUp();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const pageCount = Math.max(1, Math.ceil(queue.total / props.pageSize));
  const mySide = queue.sides.map((s) => SIDE_LABELS[s]).join(" ou ");
  return (
    <section aria-labelledby="a-attribuer">
      <h2 id="a-attribuer" className="fr-h4">
        Orientations à attribuer
      </h2>
      <p>
        Les personnes orientées vers l’accompagnement global qui attendent un {mySide} de votre structure, le démarrage le plus urgent d’abord.
      </p>
      <div role="status" aria-live="polite">
        {done && <p className="fr-message fr-message--valid fr-mb-2w">{done}</p>}
      </div>
      <ErrorAlert error={error} />
      {queue.total === 0 ? (
        <EmptyState title="Aucune orientation à attribuer" description="Les nouvelles orientations de votre territoire apparaîtront ici ; vous en êtes aussi averti par une notification." />
      ) : (
        <>
          <ResponsiveTable
            caption={`${queue.total} orientation${queue.total > 1 ? "s" : ""} à attribuer`}
            headers={["Personne", "Orientation", "Démarrage attendu", "Déjà pris en charge", "Action"]}
            rows={queue.items.map((c) => ({
              key: c.id,
              cells: [
                <>
                  <Link to={`/accompagnements/${c.id}`}>{c.person.name}</Link>
                  <br />
                  <StatusBadge status={c.status} /> {[c.person.rsa && "RSA", c.person.qpv && "QPV"].filter(Boolean).join(", ")}
                </>,
                <>
                  Le {frenchDate(c.orientedOn)} ({age(c.ageDays)})
                  <br />
                  <span className="fr-text--sm">
                    {c.originLabel} — {c.orienter.name}, {c.orienter.organisation} — convention {c.conventionNumber}
                  </span>
                </>,
                <>
                  <UrgencyBadge urgency={c.urgency} /> au plus tard le {frenchDate(c.startDueOn)}
                </>,
                [c.advisor && `${c.advisor} (conseiller)`, c.socialWorker && `${c.socialWorker} (travailleur social)`].filter(Boolean).join(", ") || "Pas encore",
                <Button
                  key="take"
                  size="small"
                  disabled={busy !== null}
                  onClick={() => void takeUp(c.id, c.person.name)}
                  nativeButtonProps={{ "aria-label": `Prendre en charge ${c.person.name}` }}
                >
                  Prendre en charge
                </Button>,
              ],
            }))}
          />
          {pageCount > 1 && (
            <Pagination
              count={pageCount}
              defaultPage={queue.page}
              getPageLinkProps={(p) => ({
                to: "#",
                onClick: (ev: { preventDefault: () => void }) => {
                  ev.preventDefault();
                  props.onPage(p);
                },
              })}
            />
          )}
        </>
      )}
    </section>
  );
}
