import type { Config } from "../server/platform/config.js";

/** Commands added by the capabilities (e.g. conventions:import). */
export const cliCommands: Record<string, (config: Config, args: string[]) => Promise<void>> = {};
