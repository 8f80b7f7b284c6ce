import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Component, type ReactNode, Suspense, useEffect } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { OkSchema } from "../shared/contracts/common";
import { api } from "./api";
import { AppBreadcrumb, BreadcrumbProvider } from "./breadcrumb";
import { LoadingState } from "./components/LoadingState";
import { ForbiddenPage, NotFoundPage } from "./pages/platform/ErrorPages";
import { appRoutes, legalPaths, navItems, preloadPage } from "./routes";
import { hasAnyRole, useSession } from "./session";

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);


/**
 * A page that cannot be shown — its code could not be fetched (connection lost, or Tandem updated
 * since this tab was opened, so the old files are gone) or it failed — says so and offers a reload,
 * instead of leaving a blank screen. Going to another page tries again.
 */
class PageErrorBoundary extends Component<{ pathname: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidUpdate(previous: { pathname: string }) {
    if (this.state.failed && previous.pathname !== this.props.pathname) this.setState({ failed: false });
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <>
        <h1>La page n’a pas pu s’afficher</h1>
        <p>Tandem a peut-être été mis à jour depuis l’ouverture de cet onglet, ou la connexion a été interrompue.</p>
        <button type="button" className="fr-btn" onClick={() => window.location.reload()}>
          Recharger la page
        </button>
      </>
    );
  }
}

export function App() {
  const { user, loading, setUser } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // The page's code is fetched while the session is checked, not after.
  useEffect(() => preloadPage(location.pathname), [location.pathname]);

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
    <BreadcrumbProvider>
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
          <LoadingState />
        ) : (
          <PageErrorBoundary pathname={location.pathname}>
            <AppBreadcrumb />
            <Suspense fallback={<LoadingState label="Chargement de la page…" />}>
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
            </Suspense>
          </PageErrorBoundary>
        )}
      </main>
      <Footer
        id="pied-de-page"
        // No RGAA audit has been carried out: the law says « non conforme » until one is.
        accessibility="non compliant"
        accessibilityLinkProps={{ to: legalPaths.accessibility }}
        termsLinkProps={{ to: legalPaths.legalNotice }}
        contentDescription="Tandem met en œuvre les conventions de partenariat entre France Travail et les collectivités territoriales pour l’insertion sociale et professionnelle des demandeurs d’emploi."
        bottomItems={[
          { text: "Données personnelles", linkProps: { to: legalPaths.personalData } },
          { text: "Gestion des cookies", linkProps: { to: legalPaths.cookies } },
          headerFooterDisplayItem,
          { text: "Documentation de l’API", linkProps: { to: "/api/docs", reloadDocument: true } },
        ]}
      />
    </BreadcrumbProvider>
  );
}
