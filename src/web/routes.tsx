import { type ComponentType, isValidElement, lazy, type ReactNode } from "react";
import { matchPath } from "react-router";
import type { Role } from "../shared/roles";

/**
 * Each page is its own chunk, fetched the first time it is opened: the first paint waits only for
 * the shell (header, menu, session), not for the code of every page.
 */
const pageLoaders = new Map<unknown, () => Promise<unknown>>();
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  const Page = lazy(() => load().then((m) => ({ default: m[name] })));
  pageLoaders.set(Page, load);
  return Page;
};

const ConventionDetailPage = page(() => import("./pages/conventions/ConventionDetailPage"), "ConventionDetailPage");
const ConventionImportPage = page(() => import("./pages/conventions/ConventionImportPage"), "ConventionImportPage");
const ConventionsRegisterPage = page(() => import("./pages/conventions/ConventionsRegisterPage"), "ConventionsRegisterPage");
const MyDeadlinesPage = page(() => import("./pages/conventions/MyDeadlinesPage"), "MyDeadlinesPage");
const IndicatorsDashboardPage = page(() => import("./pages/indicators/IndicatorsDashboardPage"), "IndicatorsDashboardPage");
const TerritoryIndicatorsPage = page(() => import("./pages/indicators/TerritoryIndicatorsPage"), "TerritoryIndicatorsPage");
const MeetingPage = page(() => import("./pages/governance/MeetingPage"), "MeetingPage");
const AccountPage = page(() => import("./pages/identity/AccountPage"), "AccountPage");
const InvitationPage = page(() => import("./pages/identity/InvitationPage"), "InvitationPage");
const LoginPage = page(() => import("./pages/identity/LoginPage"), "LoginPage");
const OrganisationsAdminPage = page(() => import("./pages/organisations/OrganisationsAdminPage"), "OrganisationsAdminPage");
const OrganisationCreatePage = page(() => import("./pages/organisations/OrganisationEditPage"), "OrganisationCreatePage");
const OrganisationEditPage = page(() => import("./pages/organisations/OrganisationEditPage"), "OrganisationEditPage");
const OrganisationUsersPage = page(() => import("./pages/identity/OrganisationUsersPage"), "OrganisationUsersPage");
const AuditPage = page(() => import("./pages/platform/AuditPage"), "AuditPage");
const HomePage = page(() => import("./pages/platform/HomePage"), "HomePage");
const OutboxPage = page(() => import("./pages/platform/OutboxPage"), "OutboxPage");
const BackgroundJobsPage = page(() => import("./pages/platform/BackgroundJobsPage"), "BackgroundJobsPage");
const AuditIntegrityPage = page(() => import("./pages/privacy/AuditIntegrityPage"), "AuditIntegrityPage");
const RightsRequestsPage = page(() => import("./pages/privacy/RightsRequestsPage"), "RightsRequestsPage");
const RightsRequestPage = page(() => import("./pages/privacy/RightsRequestPage"), "RightsRequestPage");
const BreachesPage = page(() => import("./pages/privacy/BreachesPage"), "BreachesPage");
const BreachPage = page(() => import("./pages/privacy/BreachPage"), "BreachPage");
const PurgesPage = page(() => import("./pages/privacy/PurgesPage"), "PurgesPage");
const ReviewPage = page(() => import("./pages/review/ReviewPage"), "ReviewPage");
const ReviewsPage = page(() => import("./pages/review/ReviewsPage"), "ReviewsPage");
const ReviewSummaryPage = page(() => import("./pages/review/ReviewSummaryPage"), "ReviewSummaryPage");
const CasePage = page(() => import("./pages/support/CasePage"), "CasePage");
const JobSeekerSearchPage = page(() => import("./pages/support/JobSeekerSearchPage"), "JobSeekerSearchPage");
const OrientationPage = page(() => import("./pages/support/OrientationPage"), "OrientationPage");
const PortfolioPage = page(() => import("./pages/support/PortfolioPage"), "PortfolioPage");
const AccessibilityPage = page(() => import("./pages/platform/LegalPages"), "AccessibilityPage");
const LegalNoticePage = page(() => import("./pages/platform/LegalPages"), "LegalNoticePage");
const PersonalDataPage = page(() => import("./pages/platform/LegalPages"), "PersonalDataPage");
const CookiesPage = page(() => import("./pages/platform/LegalPages"), "CookiesPage");
const ListImportsPage = page(() => import("./pages/lists/ListImportsPage"), "ListImportsPage");
const ListImportPage = page(() => import("./pages/lists/ListImportPage"), "ListImportPage");
const DirectoryPage = page(() => import("./pages/directory/DirectoryPage"), "DirectoryPage");
const ResourceSheetPage = page(() => import("./pages/directory/ResourceSheetPage"), "ResourceSheetPage");
const StructurePage = page(() => import("./pages/directory/StructurePage"), "StructurePage");
const BookletPublicPage = page(() => import("./pages/pec/BookletPublicPage"), "BookletPublicPage");
const BookletContractPage = page(() => import("./pages/pec/BookletContractPage"), "BookletContractPage");
const ImmersionsPage = page(() => import("./pages/immersion/ImmersionsPage"), "ImmersionsPage");
const ImmersionFormPage = page(() => import("./pages/immersion/ImmersionFormPage"), "ImmersionFormPage");
const ImmersionPage = page(() => import("./pages/immersion/ImmersionPage"), "ImmersionPage");
const HostTradesPage = page(() => import("./pages/immersion/HostTradesPage"), "HostTradesPage");
const PecPage = page(() => import("./pages/pec/PecPage"), "PecPage");
const PecOfferPage = page(() => import("./pages/pec/PecOfferPage"), "PecOfferPage");
const PecContractPage = page(() => import("./pages/pec/PecContractPage"), "PecContractPage");

/**
 * The pages of the app. Each capability adds its own here: a route (who may open it), and
 * optionally an entry in the main navigation and a tile on the home page of the roles it serves.
 * The server still decides: hiding a link is comfort, not security.
 */
/** `label` names the page in the breadcrumb (and in the trail of the pages below it). */
export type AppRoute = { path: string; label: string; element: ReactNode; public?: boolean; roles?: readonly Role[] };
export type NavItem = { label: string; path: (ctx: { organisationId: string }) => string; roles?: readonly Role[] };
export type HomeTile = NavItem & { description: string };

/** The monthly portfolio review is held by the advisors and social workers of global support. */
const reviewRoles: readonly Role[] = ["advisor", "social_worker"];
/** The partners' resource directory: whoever works under a convention (ADR 0035). */
const conventionRolesForDirectory: readonly Role[] = ["advisor", "social_worker", "orienter", "partner_agent", "steering", "org_admin"];
/** PMSMP immersions: France Travail's advisors and the hosts' staff (ADR 0036). */
const immersionRoles: readonly Role[] = ["advisor", "partner_agent", "org_admin", "steering"];
/** Global support: the pair (advisor, social worker) and the orienters. */
const supportRoles: readonly Role[] = ["advisor", "social_worker", "orienter"];
/** Parcours emploi compétences (ADR 0037): the employers' staff and France Travail's advisors and administrators; the server decides what each sees. */
const pecRoles: readonly Role[] = ["advisor", "partner_agent", "org_admin"];

export const appRoutes: AppRoute[] = [
  { path: "/connexion", label: "Connexion", element: <LoginPage />, public: true },
  { path: "/invitation/:token", label: "Invitation", element: <InvitationPage />, public: true },
  { path: "/livret/:token", label: "Livret de suivi", element: <BookletPublicPage />, public: true },
  { path: "/pec/contrats/:id/livret", label: "Livret de suivi du contrat", element: <BookletContractPage />, roles: ["advisor", "partner_agent", "org_admin", "steering"] },
  { path: "/", label: "Accueil", element: <HomePage /> },
  { path: "/mon-compte", label: "Mon compte", element: <AccountPage /> },
  { path: "/organisations/:id/utilisateurs", label: "Utilisateurs de l’organisation", element: <OrganisationUsersPage />, roles: ["org_admin", "platform_admin"] },
  { path: "/administration/organisations", label: "Organisations", element: <OrganisationsAdminPage />, roles: ["platform_admin"] },
  { path: "/administration/organisations/nouvelle", label: "Nouvelle organisation", element: <OrganisationCreatePage />, roles: ["platform_admin"] },
  { path: "/administration/organisations/:id", label: "Organisation", element: <OrganisationEditPage />, roles: ["platform_admin"] },
  { path: "/journal-audit", label: "Journal d’audit", element: <AuditPage />, roles: ["dpo", "platform_admin"] },
  { path: "/journal-audit/integrite", label: "Intégrité du journal", element: <AuditIntegrityPage />, roles: ["dpo", "platform_admin"] },
  { path: "/boite-envoi", label: "Boîte d’envoi", element: <OutboxPage />, roles: ["platform_admin"] },
  { path: "/administration/taches-de-fond", label: "Tâches de fond", element: <BackgroundJobsPage />, roles: ["platform_admin"] },
  { path: "/protection-des-donnees/demandes", label: "Demandes d’exercice des droits", element: <RightsRequestsPage />, roles: ["dpo"] },
  { path: "/protection-des-donnees/demandes/:id", label: "Demande", element: <RightsRequestPage />, roles: ["dpo"] },
  { path: "/protection-des-donnees/violations", label: "Violations et plaintes", element: <BreachesPage />, roles: ["dpo", "platform_admin"] },
  { path: "/protection-des-donnees/violations/:id", label: "Violation ou plainte", element: <BreachPage />, roles: ["dpo", "platform_admin"] },
  { path: "/protection-des-donnees/purges", label: "Purges et conservation", element: <PurgesPage />, roles: ["dpo"] },
  { path: "/conventions", label: "Conventions", element: <ConventionsRegisterPage /> },
  { path: "/conventions/import", label: "Importer une convention", element: <ConventionImportPage /> },
  { path: "/conventions/:id", label: "Convention", element: <ConventionDetailPage /> },
  { path: "/conventions/:id/indicateurs", label: "Indicateurs", element: <IndicatorsDashboardPage />, roles: ["steering"] },
  // A France Travail territorial direction's conventions side by side (the server refuses other organisations).
  { path: "/indicateurs/territoire", label: "Indicateurs du territoire", element: <TerritoryIndicatorsPage />, roles: ["steering"] },
  // A governance meeting (ADR 0034): the server shows it to the members of the convention's parties only.
  { path: "/gouvernance/reunions/:id", label: "Réunion de gouvernance", element: <MeetingPage /> },
  { path: "/echeances", label: "Mes échéances", element: <MyDeadlinesPage /> },
  { path: "/revues", label: "Revues de portefeuille", element: <ReviewsPage />, roles: reviewRoles },
  { path: "/revues/:id", label: "Revue", element: <ReviewPage />, roles: reviewRoles },
  // Whoever a review's distribution list names (steering staff…): the server decides, in counts only.
  { path: "/synthese-revue/:id", label: "Synthèse de la revue", element: <ReviewSummaryPage /> },
  { path: "/accompagnements", label: "Mon portefeuille", element: <PortfolioPage />, roles: supportRoles },
  { path: "/accompagnements/orienter", label: "Orienter une personne", element: <OrientationPage />, roles: supportRoles },
  { path: "/accompagnements/:id", label: "Accompagnement", element: <CasePage />, roles: supportRoles },
  { path: "/personnes", label: "Personnes", element: <JobSeekerSearchPage />, roles: supportRoles },
  // Lists received from France Travail (ADR 0030): the partner agents of the receiving organisation.
  { path: "/listes", label: "Listes reçues", element: <ListImportsPage />, roles: ["partner_agent"] },
  { path: "/listes/:id", label: "Liste reçue", element: <ListImportPage />, roles: ["partner_agent"] },
  // The partners' resource directory (ADR 0035): every professional of a party; the server decides what each sees.
  { path: "/annuaire", label: "Annuaire des ressources", element: <DirectoryPage />, roles: conventionRolesForDirectory },
  { path: "/annuaire/ressources/:id", label: "Fiche ressource", element: <ResourceSheetPage />, roles: conventionRolesForDirectory },
  { path: "/annuaire/structures/:id", label: "Structure", element: <StructurePage />, roles: conventionRolesForDirectory },
  // Parcours emploi compétences (ADR 0037): offers, candidacies, contracts.
  { path: "/pec", label: "Parcours emploi compétences", element: <PecPage />, roles: pecRoles },
  { path: "/pec/offres/:id", label: "Offre PEC", element: <PecOfferPage />, roles: pecRoles },
  { path: "/pec/contrats/:id", label: "Contrat PEC", element: <PecContractPage />, roles: pecRoles },
  // PMSMP immersions (ADR 0036): France Travail's advisors prescribe, the hosts' staff follow theirs; the server decides.
  { path: "/immersions", label: "Immersions (PMSMP)", element: <ImmersionsPage />, roles: immersionRoles },
  { path: "/immersions/nouvelle", label: "Enregistrer une immersion", element: <ImmersionFormPage />, roles: ["advisor"] },
  { path: "/immersions/:id", label: "Immersion", element: <ImmersionPage />, roles: immersionRoles },
  { path: "/organisations/:id/metiers-immersion", label: "Métiers ouverts aux immersions", element: <HostTradesPage />, roles: immersionRoles },
  // The pages of the footer that the law requires: open to everyone, logged in or not.
  { path: "/accessibilite", label: "Déclaration d’accessibilité", element: <AccessibilityPage />, public: true },
  { path: "/mentions-legales", label: "Mentions légales", element: <LegalNoticePage />, public: true },
  { path: "/donnees-personnelles", label: "Données personnelles", element: <PersonalDataPage />, public: true },
  { path: "/gestion-des-cookies", label: "Gestion des cookies", element: <CookiesPage />, public: true },
];

/** The addresses of the footer's mandatory pages. */
export const legalPaths = {
  accessibility: "/accessibilite",
  legalNotice: "/mentions-legales",
  personalData: "/donnees-personnelles",
  cookies: "/gestion-des-cookies",
} as const;

/**
 * Starts fetching the code of the page at `pathname` now, e.g. while the session is being checked
 * on the first load, rather than after it (the browser caches the module: React.lazy reuses it).
 * A failure here is left to the page's own load, which shows it.
 */
export function preloadPage(pathname: string): void {
  const route = appRoutes.find((r) => matchPath(r.path, pathname));
  const load = route && isValidElement(route.element) ? pageLoaders.get(route.element.type) : undefined;
  load?.().catch(() => {});
}

/** Everyone working in a territory follows conventions (the server shows each only what they may see); not the platform-only roles. */
const conventionRoles: readonly Role[] = ["advisor", "social_worker", "orienter", "partner_agent", "steering", "org_admin", "dpo"];

const usersOfMyOrganisation = ({ organisationId }: { organisationId: string }) => `/organisations/${organisationId}/utilisateurs`;

export const navItems: NavItem[] = [
  { label: "Accueil", path: () => "/" },
  { label: "Conventions", path: () => "/conventions", roles: conventionRoles },
  { label: "Échéances", path: () => "/echeances", roles: conventionRoles },
  { label: "Mon portefeuille", path: () => "/accompagnements", roles: supportRoles },
  { label: "Personnes", path: () => "/personnes", roles: supportRoles },
  { label: "Revues", path: () => "/revues", roles: reviewRoles },
  { label: "Listes reçues", path: () => "/listes", roles: ["partner_agent"] },
  { label: "Annuaire", path: () => "/annuaire", roles: conventionRolesForDirectory },
  { label: "Immersions", path: () => "/immersions", roles: immersionRoles },
  { label: "PEC", path: () => "/pec", roles: pecRoles },
  { label: "Utilisateurs", path: usersOfMyOrganisation, roles: ["org_admin"] },
  { label: "Organisations", path: () => "/administration/organisations", roles: ["platform_admin"] },
  { label: "Journal d’audit", path: () => "/journal-audit", roles: ["dpo", "platform_admin"] },
  { label: "Boîte d’envoi", path: () => "/boite-envoi", roles: ["platform_admin"] },
  { label: "Tâches de fond", path: () => "/administration/taches-de-fond", roles: ["platform_admin"] },
  { label: "Droits des personnes", path: () => "/protection-des-donnees/demandes", roles: ["dpo"] },
  { label: "Violations", path: () => "/protection-des-donnees/violations", roles: ["dpo", "platform_admin"] },
  { label: "Purges", path: () => "/protection-des-donnees/purges", roles: ["dpo"] },
];

export const homeTiles: HomeTile[] = [
  {
    label: "Listes reçues de France Travail",
    description: "Déposer la liste des nouveaux inscrits ou la liste mensuelle des bénéficiaires du RSA, la vérifier, l’importer ; sa date de suppression.",
    path: () => "/listes",
    roles: ["partner_agent"],
  },
  {
    label: "Mon portefeuille",
    description: "Mes accompagnements globaux par urgence d’échéance, mes alertes, ma charge face à la cible de la convention.",
    path: () => "/accompagnements",
    roles: supportRoles,
  },
  {
    label: "Orienter une personne",
    description: "Rechercher une personne de mon territoire et l’orienter vers l’accompagnement global.",
    path: () => "/personnes",
    roles: supportRoles,
  },
  {
    label: "Revues de portefeuille",
    description: "Préparer la revue de portefeuille à la fréquence de la convention, décider des entrées, renouvellements et sorties, envoyer le tableau de suivi.",
    path: () => "/revues",
    roles: reviewRoles,
  },
  {
    label: "Conventions",
    description: "Le registre des conventions de partenariat : termes, échéances, engagements, finances.",
    path: () => "/conventions",
    roles: conventionRoles,
  },
  {
    label: "Mes échéances",
    description: "Les prochaines obligations de mes conventions, et leur flux pour mon agenda.",
    path: () => "/echeances",
    roles: conventionRoles,
  },
  {
    label: "Utilisateurs de mon organisation",
    description: "Inviter un collègue, modifier ses rôles, désactiver un compte.",
    path: usersOfMyOrganisation,
    roles: ["org_admin"],
  },
  {
    label: "Organisations",
    description: "Créer et modifier les organisations, leur territoire et leurs contacts ; inviter leur premier administrateur.",
    path: () => "/administration/organisations",
    roles: ["platform_admin"],
  },
  {
    label: "Journal d’audit",
    description: "Qui a consulté ou modifié quelles données personnelles, et quand.",
    path: () => "/journal-audit",
    roles: ["dpo", "platform_admin"],
  },
  {
    label: "Boîte d’envoi",
    description: "Les messages électroniques émis par Tandem.",
    path: () => "/boite-envoi",
    roles: ["platform_admin"],
  },
  {
    label: "Tâches de fond",
    description: "Les traitements en arrière-plan : ce qui a tourné, ce qui a échoué et pourquoi ; relancer une tâche en échec.",
    path: () => "/administration/taches-de-fond",
    roles: ["platform_admin"],
  },
  {
    label: "Droits des personnes",
    description: "Les demandes d’accès, de rectification, d’effacement… reçues, leur échéance d’après la convention et leur réponse.",
    path: () => "/protection-des-donnees/demandes",
    roles: ["dpo"],
  },
  {
    label: "Violations et plaintes",
    description: "Déclarer une violation de données, informer l’autre partie dans le délai de la convention, noter les mesures prises.",
    path: () => "/protection-des-donnees/violations",
    roles: ["dpo", "platform_admin"],
  },
  {
    label: "Purges et conservation",
    description: "Les purges prévues (listes reçues, fins de convention) et ce qu’elles suppriment, leur journal, les conservations légales.",
    path: () => "/protection-des-donnees/purges",
    roles: ["dpo"],
  },
  { label: "Mon compte", description: "Mes informations et mon mot de passe.", path: () => "/mon-compte" },
  {
    label: "Indicateurs du territoire",
    description: "Directions territoriales de France Travail : les chiffres du trimestre de chaque convention du territoire, côte à côte.",
    path: () => "/indicateurs/territoire",
    roles: ["steering"],
  },
];
