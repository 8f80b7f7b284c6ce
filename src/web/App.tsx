import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { OkSchema } from "../shared/contracts/common";
import { api } from "./api";
import { ForbiddenPage, NotFoundPage } from "./pages/platform/ErrorPages";
import { appRoutes, navItems } from "./routes";
import { hasAnyRole, useSession } from "./session";

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

export function App() {
  const { user, loading, setUser } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  const logout = async () => {
    await api.post("/api/auth/logout", OkSchema).catch(() => {});
    setUser(null);
    navigate("/connexion");
  };

  const navigation = user
    ? navItems
        .filter((item) => hasAnyRole(user, item.roles))
        .map((item) => {
          const to = item.path({ organisationId: user.organisation.id });
          return { text: item.label, linkProps: { to }, isActive: to === "/" ? location.pathname === "/" : location.pathname.startsWith(to) };
        })
    : undefined;

  return (
    <>
      <SkipLinks links={[{ label: "Contenu", anchor: "#contenu" }, { label: "Pied de page", anchor: "#pied-de-page" }]} />
      <Header
        brandTop={brandTop}
        serviceTitle="Tandem"
        serviceTagline="Les conventions France Travail et collectivités, mises en œuvre ensemble"
        homeLinkProps={{ to: "/", title: "Accueil — Tandem" }}
        quickAccessItems={
          user
            ? [
                { iconId: "fr-icon-account-circle-line", linkProps: { to: "/mon-compte" }, text: `${user.firstName} ${user.lastName}` },
                { iconId: "fr-icon-logout-box-r-line", buttonProps: { onClick: () => void logout() }, text: "Se déconnecter" },
              ]
            : [{ iconId: "fr-icon-lock-line", linkProps: { to: "/connexion" }, text: "Se connecter" }]
        }
        navigation={navigation}
      />
      <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
        {loading ? (
          <p>Chargement…</p>
        ) : (
          <Routes>
            {appRoutes.map((route) => (
              <Route
                key={route.path}
                path={route.path}
                element={
                  route.public ? (
                    route.element
                  ) : !user ? (
                    <Navigate to={`/connexion?suite=${encodeURIComponent(location.pathname + location.search)}`} replace />
                  ) : hasAnyRole(user, route.roles) ? (
                    route.element
                  ) : (
                    <ForbiddenPage />
                  )
                }
              />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        )}
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        contentDescription="Tandem met en œuvre les conventions de partenariat entre France Travail et les collectivités territoriales pour l'insertion sociale et professionnelle des demandeurs d'emploi."
        bottomItems={[{ text: "Documentation de l'API", linkProps: { to: "/api/docs", reloadDocument: true } }]}
      />
    </>
  );
}
