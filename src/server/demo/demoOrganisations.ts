import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { TerritorySpec } from "../organisations/territories.js";

/**
 * The organisations of the five seed conventions (../shared/seeds), their territories and
 * one demo account per role. Territories are resolved from the official referential.
 */
export type DemoOrganisation = {
  code: string;
  name: string;
  kind: OrganisationKind;
  siren?: string;
  parent?: string;
  territory: TerritorySpec;
  /** local part of the e-mail → roles; e-mails are `<local>@demo.tandem.fr`. */
  accounts: Record<string, Role[]>;
};

export const DEMO_PASSWORD = "Tandem-demo-2026";
export const DEMO_EMAIL_DOMAIN = "demo.tandem.fr";

export const demoTerritories = [
  { key: "rouen", label: "Rouen", jobSeekerCommunes: { communes: ["76540"] } },
  { key: "creuse", label: "Creuse", jobSeekerCommunes: { departement: "23" } },
  { key: "basrhin", label: "Bas-Rhin", jobSeekerCommunes: { departement: "67" } },
  { key: "troyes", label: "Troyes Champagne Métropole", jobSeekerCommunes: { epci: "200069250" } },
  { key: "metz", label: "Metz", jobSeekerCommunes: { communes: ["57463"] } },
] as const satisfies { key: string; label: string; jobSeekerCommunes: TerritorySpec }[];

export const demoOrganisations: DemoOrganisation[] = [
  {
    code: "tandem",
    name: "Équipe Tandem (exploitation de la plateforme)",
    kind: "platform",
    territory: { communes: [] },
    accounts: { "admin.plateforme": ["platform_admin"] },
  },
  // [000] Rouen
  {
    code: "ft-seine-maritime",
    name: "France Travail — Direction territoriale Seine-Maritime",
    kind: "ft_direction",
    territory: { departement: "76" },
    accounts: { "pilotage.ft-rouen": ["steering"], "dpo.ft-rouen": ["dpo"] },
  },
  {
    code: "ft-rouen-saint-sever",
    name: "France Travail — Agence Rouen Saint-Sever",
    kind: "ft_agency",
    parent: "ft-seine-maritime",
    territory: { communes: ["76540"] },
    accounts: { "conseiller.rouen": ["advisor"], "admin.ft-rouen": ["org_admin"] },
  },
  {
    code: "ville-rouen",
    name: "Ville de Rouen",
    kind: "city",
    siren: "217605401",
    territory: { communes: ["76540"] },
    accounts: { "agent.rouen": ["partner_agent"], "pilotage.rouen": ["steering"], "admin.rouen": ["org_admin"], "dpo.rouen": ["dpo"] },
  },
  {
    code: "ccas-rouen",
    name: "CCAS de Rouen",
    kind: "ccas",
    territory: { communes: ["76540"] },
    accounts: { "social.rouen": ["social_worker"], "orienteur.rouen": ["orienter"], "admin.ccas-rouen": ["org_admin"] },
  },
  // [001] Creuse
  {
    code: "cd-creuse",
    name: "Conseil départemental de la Creuse",
    kind: "departement",
    siren: "222300015",
    territory: { departement: "23" },
    accounts: {
      "social.creuse": ["social_worker"],
      "orienteur.creuse": ["orienter"],
      "agent.creuse": ["partner_agent"],
      "pilotage.creuse": ["steering"],
      "admin.creuse": ["org_admin"],
      "dpo.creuse": ["dpo"],
    },
  },
  {
    code: "ft-creuse",
    name: "France Travail — Agence de Guéret",
    kind: "ft_agency",
    territory: { departement: "23" },
    accounts: { "conseiller.creuse": ["advisor"], "pilotage.ft-creuse": ["steering"], "admin.ft-creuse": ["org_admin"] },
  },
  // [002] Bas-Rhin (Collectivité européenne d'Alsace from 2021-01-01) with the Ville de Strasbourg
  {
    code: "collectivite-europeenne-alsace",
    name: "Collectivité européenne d’Alsace",
    kind: "departement",
    territory: { departements: ["67", "68"] },
    accounts: { "pilotage.alsace": ["steering"] },
  },
  {
    code: "cd-bas-rhin",
    name: "Département du Bas-Rhin",
    kind: "departement",
    // Since 2021-01-01 the Collectivité européenne d'Alsace carries the Département's rights [002 art. 10]:
    // its former services act under it.
    parent: "collectivite-europeenne-alsace",
    territory: { departement: "67" },
    accounts: {
      "social.basrhin": ["social_worker"],
      "orienteur.basrhin": ["orienter"],
      "pilotage.basrhin": ["steering"],
      "admin.basrhin": ["org_admin"],
      "dpo.basrhin": ["dpo"],
    },
  },
  {
    code: "ville-strasbourg",
    name: "Ville de Strasbourg",
    kind: "city",
    siren: "216704825",
    territory: { communes: ["67482"] },
    accounts: { "social.strasbourg": ["social_worker"], "agent.strasbourg": ["partner_agent"], "admin.strasbourg": ["org_admin"] },
  },
  {
    code: "arsea",
    name: "Arsea (opérateur du Département du Bas-Rhin)",
    kind: "operator",
    // An operator the Département delegates social support to [002 art. 2 c)]: it acts under the collectivité.
    parent: "collectivite-europeenne-alsace",
    territory: { departement: "67" },
    accounts: { "social.arsea": ["social_worker"] },
  },
  {
    code: "ft-strasbourg",
    name: "France Travail — Agence Strasbourg Meinau",
    kind: "ft_agency",
    territory: { communes: ["67482"] },
    accounts: { "conseiller.basrhin": ["advisor"], "pilotage.ft-basrhin": ["steering"], "admin.ft-basrhin": ["org_admin"] },
  },
  // [003] Troyes Champagne Métropole: its 81 communes come from its EPCI record
  {
    code: "troyes-champagne-metropole",
    name: "Troyes Champagne Métropole",
    kind: "epci",
    siren: "200069250",
    territory: { epci: "200069250" },
    accounts: {
      "agent.troyes": ["partner_agent"],
      "social.troyes": ["social_worker"],
      "orienteur.troyes": ["orienter"],
      "pilotage.troyes": ["steering"],
      "admin.troyes": ["org_admin"],
      "dpo.troyes": ["dpo"],
    },
  },
  {
    code: "ft-troyes",
    name: "France Travail — Agences du bassin de Troyes",
    kind: "ft_agency",
    territory: { epci: "200069250" },
    accounts: { "conseiller.troyes": ["advisor"], "admin.ft-troyes": ["org_admin"] },
  },
  // [004] Metz
  {
    code: "ville-metz",
    name: "Ville de Metz",
    kind: "city",
    siren: "215704636",
    territory: { communes: ["57463"] },
    accounts: {
      "agent.metz": ["partner_agent"],
      "social.metz": ["social_worker"],
      "orienteur.metz": ["orienter"],
      "pilotage.metz": ["steering"],
      "admin.metz": ["org_admin"],
      "dpo.metz": ["dpo"],
    },
  },
  {
    code: "ft-metz-sebastopol",
    name: "France Travail — Agence Metz Sébastopol",
    kind: "ft_agency",
    territory: { communes: ["57463"] },
    accounts: { "conseiller.metz": ["advisor"], "pilotage.ft-metz": ["steering"], "admin.ft-metz": ["org_admin"] },
  },
];
