import { openMigratedDatabase } from "../platform/bootstrap.js";
import type { Config } from "../platform/config.js";
import { AppError } from "../platform/errors.js";
import { loadRomeReferential } from "./romeLoader.js";

/** `tandem rome:load DOSSIER`: loads the RefRomeCsv files of the folder, replacing the referential (all or nothing). */
export async function runRomeLoad(config: Config, dir: string | undefined): Promise<void> {
  if (!dir) throw new Error("Usage : tandem rome:load DOSSIER (le dossier des fichiers unix_*_vNNN_utf8.csv du ROME)");
  const db = await openMigratedDatabase(config);
  try {
    const c = await loadRomeReferential(db, dir);
    console.log(
      `Référentiel ROME ${c.version} chargé : ${c.trades} métiers, ${c.appellations} appellations, ${c.skills} compétences, ${c.links} liens métier–compétence` +
        (c.linksIgnored > 0 ? ` (${c.linksIgnored} lien(s) vers un code OGR absent des fichiers de compétences, ignoré(s)).` : "."),
    );
  } catch (error) {
    if (error instanceof AppError) throw new Error(`Rien n’a été chargé. ${error.message}`);
    throw error;
  } finally {
    await db.close();
  }
}
