import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { ImmersionListSchema } from "../../../shared/contracts/immersion";
import { api } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate } from "../conventions/format";
import { IMMERSION_STATE_LABELS, IMMERSION_STATE_SEVERITY } from "./immersionLabels";

/** « Immersions (PMSMP) »: those France Travail prescribed in my reach, or those my organisation hosts (ADR 0036). */
export function ImmersionsPage() {
  usePageTitle("Immersions (PMSMP)");
  const { user } = useSession();
  const { data, error } = useApi(() => api.get("/api/immersions", ImmersionListSchema), []);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  const hosts = user && (user.roles.includes("org_admin") || user.roles.includes("partner_agent"));
  return (
    <>
      <h1>Immersions professionnelles (PMSMP)</h1>
      <p>
        Une immersion a un seul objet — découvrir un métier ou un secteur, confirmer un projet professionnel ou initier un recrutement — dans la limite des métiers que
        la structure d’accueil exerce. La convention d’immersion elle-même se fait sur Immersion Facilitée ; Tandem garde le lien avec la personne, l’objet, le
        métier, le bilan et ses échéances.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {data.canRecord && (
          <li>
            <Link className="fr-btn" to="/immersions/nouvelle">
              Enregistrer une immersion
            </Link>
          </li>
        )}
        {hosts && user && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={`/organisations/${user.organisation.id}/metiers-immersion`}>
              Métiers de ma structure
            </Link>
          </li>
        )}
      </ul>
      {data.items.length === 0 ? (
        <EmptyState title="Aucune immersion" description="Aucune immersion prescrite dans votre territoire ni accueillie par votre organisation." />
      ) : (
        <ResponsiveTable
          caption={`${data.items.length} immersion${data.items.length > 1 ? "s" : ""}`}
          headers={["Personne", "Structure d’accueil", "Métier", "Objet", "Dates", "Bilan"]}
          rows={data.items.map((i) => ({
            key: i.id,
            cells: [
              <Link key="p" to={`/immersions/${i.id}`}>
                {i.person.firstName} {i.person.lastName}
              </Link>,
              i.host.name,
              `${i.trade.label} (${i.trade.code})`,
              i.objectLabel,
              `du ${frenchDate(i.startsOn)} au ${frenchDate(i.endsOn)}`,
              <span key="s">
                <Badge small noIcon severity={IMMERSION_STATE_SEVERITY[i.state]}>
                  {IMMERSION_STATE_LABELS[i.state]}
                </Badge>
                {!i.assessed && <span className="fr-hint-text fr-mb-0">dû le {frenchDate(i.assessmentDueOn)}</span>}
              </span>,
            ],
          }))}
        />
      )}
    </>
  );
}
