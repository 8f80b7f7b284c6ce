import type { Db } from "../platform/db.js";
import { loadRomeReferentialIn, ROME_SAMPLE_DIR } from "./romeLoader.js";

/** The demo's ROME referential: the sample shipped in the RefRomeCsv layout, loaded by the real loader (ADR 0036). */
export async function loadDemoRome(tx: Db): Promise<void> {
  await loadRomeReferentialIn(tx, ROME_SAMPLE_DIR);
}
