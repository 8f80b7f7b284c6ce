import { loadDemo, wipeDatabase } from "../server/demo/loadDemo.js";
import { openMigratedDatabase, openOwnerDatabase } from "../server/platform/bootstrap.js";
import { loadConfig } from "../server/platform/config.js";
import { runOrganisationsImport } from "../server/organisations/organisationsCli.js";
import { cliCommands } from "./commands.js";

/** `tandem <command> [args]`: the operator's commands. */
const [command, ...args] = process.argv.slice(2);
const config = loadConfig();

const builtIn: Record<string, () => Promise<void>> = {
  migrate: async () => {
    const db = await openMigratedDatabase(config);
    console.log("Migrations appliquées.");
    await db.close();
  },
  /** `organisations:import FICHIER.csv [--dry-run]`: a region's agencies from a CSV, all or nothing (ADR 0022). */
  "organisations:import": () => runOrganisationsImport(config, args),
  "demo:reset": async () => {
    if (config.production) throw new Error("demo:reset est interdit en production (NODE_ENV=production).");
    // Dropping the schema is the owner's right; migrating again then prepares the app's role again.
    const db = await openOwnerDatabase(config);
    await wipeDatabase(db);
    await db.close();
    const app = await openMigratedDatabase(config);
    await loadDemo(app);
    console.log("Base réinitialisée avec les données de démonstration.");
    await app.close();
  },
};

const run = builtIn[command] ?? (cliCommands[command] && (() => cliCommands[command](config, args)));
if (!run) {
  console.error(`Commande inconnue : ${command ?? "(aucune)"}\nCommandes : ${[...Object.keys(builtIn), ...Object.keys(cliCommands)].join(", ")}`);
  process.exit(2);
}
try {
  await run();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
