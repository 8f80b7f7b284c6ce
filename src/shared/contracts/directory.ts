import "../zodFrench.js";
import { z } from "zod";

/**
 * The partners' resource directory (ADR 0035): structures and services as the data·inclusion
 * schema 1.x writes them. The records travel as the schema's own objects (validated on the server
 * against the vendored JSON Schema); the wrappers say who publishes them and how fresh they are.
 */
const Record = z.record(z.string(), z.unknown());

export const DirectoryServiceSchema = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  /** Published by the caller's own organisation (editable), or by a partner under a convention in force. */
  own: z.boolean(),
  /** The caller may change it (« Modifier »): own, and the caller keeps the organisation's resources. */
  editable: z.boolean(),
  /** The structure's row, which the edit form keeps. */
  structureId: z.uuid(),
  structure: Record,
  service: Record,
  dateMaj: z.string(),
});
export type DirectoryService = z.infer<typeof DirectoryServiceSchema>;

export const DirectoryListQuerySchema = z.object({
  thematique: z.string().max(120).optional(),
  commune: z.string().regex(/^\w{5}$/).optional(),
});
export const DirectoryListSchema = z.object({
  items: z.array(DirectoryServiceSchema),
  /** Whether the caller may publish for their organisation (the form is shown). */
  canPublish: z.boolean(),
  structures: z.array(z.object({ id: z.uuid(), nom: z.string() })),
});

const optionalText = z.string().trim().max(10000).optional();
/** The service form: the schema's fields a professional writes; the server adds source, ids and date_maj. */
export const ServiceFormSchema = z.object({
  structureId: z.uuid().optional(),
  /** A new structure, when none is chosen. */
  structureNom: optionalText,
  nom: z.string().trim().max(200),
  description: z.string().trim().max(10000),
  type: optionalText,
  thematiques: z.array(z.string().max(120)).max(100).default([]),
  publics: z.array(z.string().max(120)).max(30).default([]),
  modes_accueil: z.array(z.string().max(60)).max(5).default([]),
  modes_mobilisation: z.array(z.string().max(60)).max(10).default([]),
  mobilisable_par: z.array(z.string().max(60)).max(5).default([]),
  frais: optionalText,
  frais_precisions: optionalText,
  adresse: optionalText,
  code_postal: optionalText,
  commune: optionalText,
  code_insee: optionalText,
  telephone: optionalText,
  courriel: optionalText,
  contact_nom_prenom: optionalText,
  horaires_accueil: optionalText,
  conditions_acces: optionalText,
  lien_mobilisation: optionalText,
  zone_eligibilite: z.array(z.string().max(20)).max(500).default([]),
});
export type ServiceForm = z.infer<typeof ServiceFormSchema>;

/** A file in the schema's JSON: the two collections data·inclusion publishes. */
export const DirectoryFileSchema = z.object({
  structures: z.array(z.unknown()).max(5000).default([]),
  services: z.array(z.unknown()).max(20000).default([]),
});
/** The same collections in CSV (ADR 0035): one file's text per collection, either may be absent. */
export const DirectoryCsvFileSchema = z.object({
  structures: z.string().max(5 * 1024 * 1024).optional(),
  services: z.string().max(5 * 1024 * 1024).optional(),
});
export const DirectoryCsvExportQuerySchema = z.object({ collection: z.enum(["structures", "services"]).default("services") });
export const DirectoryImportIssueSchema = z.object({
  collection: z.enum(["structures", "services"]),
  /** Position in its collection, from 1 (« ligne » in the report); in a CSV file, its line (the header is line 1). */
  line: z.number().int(),
  field: z.string(),
  value: z.unknown(),
  message: z.string(),
});
export const DirectoryImportReportSchema = z.object({
  imported: z.boolean(),
  structures: z.number().int(),
  services: z.number().int(),
  issues: z.array(DirectoryImportIssueSchema),
});
export type DirectoryImportReport = z.infer<typeof DirectoryImportReportSchema>;

export const DirectoryExportSchema = z.object({ structures: z.array(Record), services: z.array(Record) });

/** The suggestions for a case: its open barriers, the thématiques they map to, the resources covering the person's commune. */
export const CaseResourcesSchema = z.object({
  commune: z.string(),
  barriers: z.array(z.object({ code: z.string(), label: z.string(), thematiques: z.array(z.string()) })),
  items: z.array(DirectoryServiceSchema.extend({ matches: z.array(z.string()) })),
  mobilised: z.array(z.object({ serviceId: z.string(), nom: z.string(), on: z.string() })),
});
export const CaseResourcesQuerySchema = z.object({ thematique: z.string().max(120).optional() });
export const RecordMobilisedSchema = z.object({ serviceId: z.uuid(), note: z.string().trim().max(500).optional() });

export const CampaignRequestSchema = z.object({ conventionId: z.uuid(), year: z.number().int().min(2000).max(2100) });
export const DirectorySteeringSchema = z.object({
  conventions: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      campaign: z
        .object({ year: z.number().int(), startsOn: z.string(), deadline: z.string(), updated: z.number().int(), total: z.number().int(), percent: z.number().int() })
        .nullable(),
      /** Why the deadline is what it is (the file's term, or its absence said plainly). */
      deadlineNote: z.string(),
    }),
  ),
  accounts: z.array(z.object({ organisation: z.string(), count: z.number().int(), users: z.array(z.object({ name: z.string(), email: z.string() })) })),
});

/** The structure form (« Modifier » on its page): the schema's structure fields a keeper writes; source, id and date_maj are the server's. */
export const StructureFormSchema = z.object({
  nom: z.string().trim().max(200),
  siret: optionalText,
  description: optionalText,
  adresse: optionalText,
  complement_adresse: optionalText,
  code_postal: optionalText,
  commune: optionalText,
  code_insee: optionalText,
  telephone: optionalText,
  courriel: optionalText,
  site_web: optionalText,
  horaires_accueil: optionalText,
  accessibilite_lieu: optionalText,
});
export type StructureForm = z.infer<typeof StructureFormSchema>;

/** A structure of the caller's organisation, with its services and the organisation's other structures (to move a service to). */
export const DirectoryStructureSchema = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  editable: z.boolean(),
  structure: Record,
  dateMaj: z.string(),
  services: z.array(z.object({ id: z.uuid(), nom: z.string() })),
});
export type DirectoryStructure = z.infer<typeof DirectoryStructureSchema>;
export const DirectoryStructuresSchema = z.object({ items: z.array(z.object({ id: z.uuid(), nom: z.string(), services: z.number().int() })) });
/** Moving a service to another structure of the same organisation. */
export const MoveServiceSchema = z.object({ structureId: z.uuid() });
