import "../zodFrench.js";
import { z } from "zod";
import { OrganisationKindSchema } from "../roles.js";
import { pageOf } from "./common.js";

/**
 * Organisations administered by the platform admin (issue 10, ADR 0022): kind, official
 * identifiers, parent, territory from the official referential, contacts. The same contract checks
 * the web form before sending, the API's body and each line of `tandem organisations:import`.
 */

/** Luhn checksum of a SIREN (9 digits) or SIRET (14 digits); La Poste's SIRETs follow their own rule. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  if (digits.length === 14 && digits.startsWith("356000000")) return [...digits].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const compact = (s: string) => s.replace(/[\s.]/g, "");

export const SirenSchema = z
  .string()
  .transform(compact)
  .pipe(z.string().regex(/^[0-9]{9}$/, "Le SIREN compte 9 chiffres.").refine(luhnValid, "Ce SIREN n’est pas valide (clé de contrôle incorrecte)."));
export const SiretSchema = z
  .string()
  .transform(compact)
  .pipe(z.string().regex(/^[0-9]{14}$/, "Le SIRET compte 14 chiffres.").refine(luhnValid, "Ce SIRET n’est pas valide (clé de contrôle incorrecte)."));
export const InseeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9][0-9AB][0-9]{3}$/, "Un code INSEE de commune compte 5 caractères (par exemple 48095).");
export const DepartementCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([0-9]{2}|2A|2B|9[78][0-9])$/, "Un code de département compte 2 ou 3 caractères (par exemple 48, 2A, 974).");
export const FtAgencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,12}$/, "Le code d’agence France Travail compte de 3 à 12 lettres ou chiffres.");
const OptionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("Adresse électronique invalide."))
  .nullish();
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A territory is never typed: a département, an EPCI by its SIREN or communes, all checked against the referential. */
export const TerritoryInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  /** When editing: the territory stays as it is. */
  z.strictObject({ kind: z.literal("unchanged") }),
  z.strictObject({ kind: z.literal("departement"), code: DepartementCodeSchema }),
  z.strictObject({ kind: z.literal("epci"), siren: SirenSchema }),
  z.strictObject({ kind: z.literal("communes"), communes: z.array(InseeCodeSchema).min(1, "Choisissez au moins une commune.").max(1000) }),
]);
export type TerritoryInput = z.infer<typeof TerritoryInputSchema>;

export const OrganisationInputSchema = z.strictObject({
  name: z.string().trim().min(2, "Le nom est obligatoire.").max(200),
  kind: OrganisationKindSchema.exclude(["platform"]),
  /** Short stable code (e.g. ft-mende); made from the name when absent. */
  code: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "Le code ne contient que des lettres minuscules, des chiffres et des tirets."),
  ),
  siren: optional(SirenSchema),
  siret: optional(SiretSchema),
  inseeCode: optional(InseeCodeSchema),
  departementCode: optional(DepartementCodeSchema),
  ftAgencyCode: optional(FtAgencyCodeSchema),
  parentId: optional(z.uuid("Choisissez l’organisation parente dans la liste.")),
  territory: TerritoryInputSchema,
  postalAddress: optional(z.string().trim().max(500)),
  contactEmail: OptionalEmail,
  dpoName: optional(z.string().trim().max(200)),
  dpoEmail: OptionalEmail,
  securityEmail: OptionalEmail,
});
export type OrganisationInput = z.infer<typeof OrganisationInputSchema>;

export const OrganisationSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  parentName: z.string().nullable(),
  communeCount: z.number().int(),
  userCount: z.number().int(),
});
export const OrganisationPageSchema = pageOf(OrganisationSummarySchema);

export const TerritoryViewSchema = z.object({
  kind: z.enum(["none", "departement", "epci", "communes"]),
  code: z.string().nullable(),
  /** What the referential calls it: « Lozère (48) », « CC Coeur de Lozère », or the communes' names. */
  label: z.string(),
  communes: z.array(z.object({ code: z.string(), name: z.string() })),
  communeCount: z.number().int(),
});

export const OrganisationDetailSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  inseeCode: z.string().nullable(),
  departementCode: z.string().nullable(),
  ftAgencyCode: z.string().nullable(),
  parent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  territory: TerritoryViewSchema,
  postalAddress: z.string().nullable(),
  contactEmail: z.string().nullable(),
  dpoName: z.string().nullable(),
  dpoEmail: z.string().nullable(),
  securityEmail: z.string().nullable(),
  userCount: z.number().int(),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetailSchema>;

export const OrganisationListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: OrganisationKindSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Search in the official referential (communes, EPCI, départements) for the territory pickers. */
export const ReferentialQuerySchema = z.strictObject({ q: z.string().trim().max(100).default("") });
export const ReferentialEntrySchema = z.object({ code: z.string(), name: z.string(), detail: z.string() });
export const ReferentialResultSchema = z.object({ items: z.array(ReferentialEntrySchema) });

/** `tandem organisations:import` and its API twin: a `;`-separated CSV, all or nothing. */
export const ORGANISATION_IMPORT_MAX_BYTES = 1_000_000;
export const ORGANISATION_IMPORT_MAX_LINES = 2000;
export const OrganisationImportRequestSchema = z.strictObject({
  csv: z.string().max(ORGANISATION_IMPORT_MAX_BYTES, "Le fichier dépasse 1 Mo."),
  dryRun: z.boolean().default(false),
});
export const ImportProblemSchema = z.object({ line: z.number().int(), column: z.string(), value: z.string(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblemSchema>;
export const OrganisationImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** Organisations created (0 when dry-run or refused). */
  created: z.number().int(),
  /** Valid lines read. */
  lines: z.number().int(),
  problems: z.array(ImportProblemSchema),
});
export type OrganisationImportReport = z.infer<typeof OrganisationImportReportSchema>;
