import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { DirectorySteeringSchema } from "../../../shared/contracts/directory";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";

/**
 * For steering users (ADR 0035): the yearly joint update of each convention's directory as a
 * campaign with its deadline and progress (« 74 % des ressources mises à jour »), and the accounts
 * that reach the directory, counted and listed per organisation [002 axe 1].
 */
export function DirectorySteering() {
  const { data, error, reload } = useApi(() => api.get("/api/directory/steering", DirectorySteeringSchema), []);
  const [actionError, setActionError] = useState<unknown>(null);
  const year = new Date().getFullYear();
  const open = async (conventionId: string) => {
    setActionError(null);
    try {
      await api.post("/api/directory/campaigns", DirectorySteeringSchema, { conventionId, year });
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  if (!data) return <ErrorAlert error={error} />;
  return (
    <section aria-labelledby="pilotage-annuaire" className="fr-mt-6w">
      <h2 id="pilotage-annuaire">Pilotage de l’annuaire</h2>
      <ErrorAlert error={actionError} />
      {data.conventions.map((c) => (
        <div key={c.id} className="fr-mb-3w">
          <h3 className="fr-h6">Convention n° {c.number}</h3>
          <p className="fr-text--sm fr-mb-1w">{c.deadlineNote}</p>
          {c.campaign ? (
            <p>
              <strong>
                {c.campaign.percent} % des ressources mises à jour
              </strong>{" "}
              ({c.campaign.updated} sur {c.campaign.total}) — campagne {c.campaign.year} ouverte le {frenchDate(c.campaign.startsOn)}, échéance le{" "}
              {frenchDate(c.campaign.deadline)}.
            </p>
          ) : (
            <Button size="small" priority="secondary" onClick={() => void open(c.id)}>
              Ouvrir la campagne de mise à jour {year}
            </Button>
          )}
        </div>
      ))}
      <ResponsiveTable
        caption="Comptes ayant accès à l’annuaire, par organisation"
        headers={["Organisation", "Comptes", "Utilisateurs"]}
        rows={data.accounts.map((a) => ({ key: a.organisation, cells: [a.organisation, String(a.count), a.users.map((u) => u.name).join(", ")] }))}
      />
    </section>
  );
}
