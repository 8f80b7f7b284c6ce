import fs from "node:fs";
import { ORGANISATION_IMPORT_MAX_BYTES, type OrganisationImportReport } from "../../shared/contracts/organisations.js";
import { openMigratedDatabase } from "../platform/bootstrap.js";
import type { Config } from "../platform/config.js";
import { AppError } from "../platform/errors.js";
import { systemContext } from "../platform/requestContext.js";
import { formatImportReport, importOrganisations } from "./importOrganisations.js";

/** `tandem organisations:import FICHIER.csv [--dry-run]`: prints the report; exit code 1 when the file is refused. */
export async function runOrganisationsImport(config: Config, args: string[]): Promise<void> {
  const dryRun = args.includes("--dry-run");
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new Error("Usage : tandem organisations:import FICHIER.csv [--dry-run]");
  if (fs.statSync(file).size > ORGANISATION_IMPORT_MAX_BYTES) throw new Error(`Le fichier dépasse ${ORGANISATION_IMPORT_MAX_BYTES / 1_000_000} Mo : découpez-le.`);
  const db = await openMigratedDatabase(config);
  try {
    const report = await importOrganisations(db, systemContext("cli-organisations-import"), fs.readFileSync(file, "utf8"), { dryRun, system: true });
    console.log(formatImportReport(report));
  } catch (error) {
    if (error instanceof AppError && error.code === "ORGANISATION_IMPORT_INVALID") {
      console.error(formatImportReport(error.details as OrganisationImportReport));
      process.exitCode = 1;
    } else throw error;
  } finally {
    await db.close();
  }
}
