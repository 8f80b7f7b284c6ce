import { z } from "zod";
import { LIST_FIELDS, LIST_SOURCES } from "../../domain/lists/listKinds.js";
import { pageOf } from "./common.js";

/** Lists received from France Travail (ADR 0030): upload, dry-run report, decisions, confirmation. */
export const ListSourceSchema = z.enum(LIST_SOURCES);
export const ListMappingSchema = z.partialRecord(z.enum(LIST_FIELDS), z.string().max(200));

/** The upload: under which convention, which list (path), the file's name as the user's computer knew it (query). */
export const ListImportUploadParamsSchema = z.strictObject({ id: z.uuid(), source: ListSourceSchema });
export const ListImportUploadQuerySchema = z.strictObject({ fileName: z.string().trim().min(1).max(200).default("liste") });

export const ListImportStatusSchema = z.enum(["checking", "checked", "failed", "applied", "cancelled"]);

export const ListImportSchema = z.object({
  id: z.uuid(),
  source: ListSourceSchema,
  sourceLabel: z.string(),
  conventionId: z.uuid(),
  conventionNumber: z.string(),
  fileName: z.string(),
  fileFormat: z.enum(["csv", "xlsx"]),
  fileBytes: z.number().int(),
  encoding: z.string().nullable(),
  status: ListImportStatusSchema,
  receivedAt: z.string(),
  receivedBy: z.string(),
  checkedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsValid: z.number().int(),
  issueCount: z.number().int(),
  duplicateCount: z.number().int(),
  fatalError: z.string().nullable(),
  peopleCreated: z.number().int().nullable(),
  peopleLinked: z.number().int().nullable(),
  rowsSkipped: z.number().int().nullable(),
  purgeOn: z.string(),
  purgeRule: z.string(),
  header: z.array(z.string()),
  mapping: ListMappingSchema,
  fields: z.array(z.object({ field: z.enum(LIST_FIELDS), label: z.string(), required: z.boolean(), source: z.string() })),
  confirmable: z.boolean(),
});
export type ListImport = z.infer<typeof ListImportSchema>;

export const ListImportPageSchema = pageOf(ListImportSchema.pick({
  id: true,
  sourceLabel: true,
  conventionNumber: true,
  fileName: true,
  status: true,
  receivedAt: true,
  receivedBy: true,
  rowsDone: true,
  rowsTotal: true,
  issueCount: true,
  purgeOn: true,
}));

export const ListImportIssueSchema = z.object({ line: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() });
export const ListImportIssuePageSchema = pageOf(ListImportIssueSchema);

export const ListDecisionSchema = z.enum(["keep", "skip", "merge"]);
export const ListDuplicateSchema = z.object({
  line: z.number().int(),
  ftIdentifier: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  duplicateOfLine: z.number().int().nullable(),
  existing: z.object({ jobSeekerId: z.uuid(), match: z.enum(["identifier", "identity"]) }).nullable(),
  decision: ListDecisionSchema,
  allowed: z.array(ListDecisionSchema),
});
export const ListDuplicatePageSchema = pageOf(ListDuplicateSchema);

export const ListDecisionRequestSchema = z.strictObject({ decision: ListDecisionSchema });
export const ListMappingRequestSchema = z.strictObject({ mapping: ListMappingSchema });
export const ListImportRowParamsSchema = z.strictObject({ id: z.uuid(), line: z.coerce.number().int().min(2) });

export const ListImportOptionsSchema = z.object({
  conventions: z.array(
    z.object({
      conventionId: z.uuid(),
      number: z.string(),
      title: z.string(),
      sources: z.array(z.object({ source: ListSourceSchema, label: z.string(), articles: z.string() })),
      suspendedOn: z.string().nullable(),
    }),
  ),
});
