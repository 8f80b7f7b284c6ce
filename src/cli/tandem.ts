import { loadDemo, wipeDatabase } from "../server/demo/loadDemo.js";
import { openMigratedDatabase } from "../server/platform/bootstrap.js";
import { loadConfig } from "../server/platform/config.js";
import { migrate } from "../server/platform/migrate.js";
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
  "demo:reset": async () => {
    if (config.production) throw new Error("demo:reset est interdit en production (NODE_ENV=production).");
    const db = await openMigratedDatabase(config);
    await wipeDatabase(db);
    await migrate(db);
    await loadDemo(db);
    console.log("Base réinitialisée avec les données de démonstration.");
    await db.close();
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
