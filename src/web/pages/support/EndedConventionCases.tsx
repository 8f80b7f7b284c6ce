import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link } from "react-router";
import { EndedConventionCasesSchema } from "../../../shared/contracts/supportEnd";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { frenchDate, StatusBadge } from "./supportFormat";

/**
 * « Convention terminée : décision à prendre » (ADR 0024): the cases still open under a convention
 * that has ended or been terminated. They take no new act; each is closed by its exit (dated at the
 * latest on the convention's last day), unless an amendment renews the convention. Nothing shown
 * when there is none.
 */
export function EndedConventionCases() {
  const { data, error } = useApi(() => api.get("/api/support/ended-conventions", EndedConventionCasesSchema), []);
  if (error) return <ErrorAlert error={error} />;
  const conventions = data?.conventions.filter((c) => c.openCases > 0) ?? [];
  if (conventions.length === 0) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby="conventions-terminees">
      <h2 id="conventions-terminees" className="fr-h4">
        Convention terminée : décision à prendre
      </h2>
      {conventions.map((c) => (
        <div key={c.conventionId} className="fr-mb-3w">
          <Alert
            severity="warning"
            small
            className="fr-mb-2w"
            description={`La convention n° ${c.number} a pris fin le ${frenchDate(c.endsOn)}${c.terminated ? " (résiliation)" : ""} : ${
              c.openCases > 1 ? `ses ${c.openCases} accompagnements encore ouverts ne prennent` : "son accompagnement encore ouvert ne prend"
            } plus de nouvel acte. Enregistrez ${c.openCases > 1 ? "la sortie de chacun" : "sa sortie"} (datée au plus tard du ${frenchDate(c.endsOn)}), ou renouvelez la convention par avenant.`}
          />
          {c.cases.length > 0 && (
            <ResponsiveTable
              caption={`Convention n° ${c.number} — ${c.cases.length} accompagnement${c.cases.length > 1 ? "s" : ""} que vous suivez`}
              headers={["Personne", "Statut", "Entrée", "Fin de la période"]}
              rows={c.cases.map((k) => ({
                key: k.id,
                cells: [
                  <Link key={k.id} to={`/accompagnements/${k.id}`}>
                    {k.name}
                  </Link>,
                  <StatusBadge key="s" status={k.status} />,
                  frenchDate(k.enteredOn),
                  frenchDate(k.periodEndsOn),
                ],
              }))}
            />
          )}
        </div>
      ))}
    </section>
  );
}
