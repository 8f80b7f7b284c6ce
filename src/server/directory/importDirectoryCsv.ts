import type { DirectoryImportReport } from "../../shared/contracts/directory.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { csvToRecords } from "./directoryCsv.js";
import { importDirectory } from "./importDirectory.js";

/**
 * A CSV import is the JSON import fed with the rows the CSV reads into (one way to validate): the
 * same checks, all or nothing, its report numbered by the file's lines, with the file's own reading
 * issues (unknown column, a row of the wrong width) refusing it as well.
 */
export async function importDirectoryCsv(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  files: { structures?: string; services?: string },
): Promise<DirectoryImportReport> {
  const structures = files.structures ? csvToRecords("structures", files.structures) : { records: [], issues: [] };
  const services = files.services ? csvToRecords("services", files.services) : { records: [], issues: [] };
  return importDirectory(
    db,
    ctx,
    { structures: structures.records, services: services.records },
    {
      firstLine: 2,
      issues: [
        ...structures.issues.map((i) => ({ collection: "structures" as const, ...i, value: i.value ?? null })),
        ...services.issues.map((i) => ({ collection: "services" as const, ...i, value: i.value ?? null })),
      ],
    },
  );
}
