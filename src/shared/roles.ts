import { z } from "zod";

export const ROLES = [
  "advisor",
  "social_worker",
  "orienter",
  "partner_agent",
  "steering",
  "org_admin",
  "dpo",
  "platform_admin",
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  advisor: "Conseiller France Travail",
  social_worker: "Travailleur social",
  orienter: "Orienteur",
  partner_agent: "Agent partenaire",
  steering: "Pilotage",
  org_admin: "Administrateur de l’organisation",
  dpo: "Délégué à la protection des données",
  platform_admin: "Administrateur de la plateforme",
};

export const ORGANISATION_KINDS = [
  /** A France Travail regional direction (above the territorial directions). */
  "ft_region",
  /** A France Travail territorial direction. */
  "ft_direction",
  "ft_agency",
  "departement",
  "city",
  "ccas",
  "epci",
  "operator",
  "employer",
  "other",
  /** The team that runs Tandem itself: the only organisation whose members may be platform admins. */
  "platform",
] as const;
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  ft_region: "Direction régionale France Travail",
  ft_direction: "Direction territoriale France Travail",
  ft_agency: "Agence France Travail",
  departement: "Département",
  city: "Commune",
  ccas: "CCAS",
  epci: "Intercommunalité (EPCI)",
  operator: "Opérateur",
  employer: "Employeur",
  other: "Autre",
  platform: "Exploitation de la plateforme",
};

export const PASSWORD_MIN_LENGTH = 12;
