import { Tile } from "@codegouvfr/react-dsfr/Tile";
import { ROLE_LABELS } from "../../../shared/roles";
import { homeTiles } from "../../routes";
import { hasAnyRole, useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";

/** The home page of each role: the tiles of what this user's roles do in Tandem. */
export function HomePage() {
  usePageTitle("Accueil");
  const { user } = useSession();
  if (!user) return null;
  const tiles = homeTiles.filter((t) => hasAnyRole(user, t.roles));
  return (
    <>
      <h1>Bonjour {user.firstName} {user.lastName}</h1>
      <p className="fr-text--lead">
        {user.organisation.name} — {user.roles.map((r) => ROLE_LABELS[r]).join(", ")}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {tiles.map((t) => (
          <div key={t.label} className="fr-col-12 fr-col-md-4">
            <Tile title={t.label} desc={t.description} linkProps={{ to: t.path({ organisationId: user.organisation.id }) }} titleAs="h2" />
          </div>
        ))}
      </div>
    </>
  );
}
