import { loadDemoConventions } from "../convention/demoConventions.js";
import { loadDemoReviewCases } from "../review/demoReviewCases.js";
import { hashPassword } from "../platform/auth/passwords.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { findOrganisationByCode, insertOrganisation } from "../organisations/organisationRepository.js";
import { resolveTerritory } from "../organisations/territories.js";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, demoOrganisations, demoTerritories } from "./demoOrganisations.js";
import { generateJobSeekers } from "./jobSeekerGenerator.js";
import { loadDemoSupport } from "../support/demoSupport.js";
import { loadDemoDirectory } from "../directory/demoDirectory.js";
import { loadDemoRome } from "../rome/demoRome.js";
import { loadDemoImmersions } from "../immersion/demoImmersions.js";
import { loadDemoPec } from "../pec/demoPec.js";
import { loadDemoBooklet } from "../pec/demoBooklet.js";

export const DEMO_JOB_SEEKERS_PER_TERRITORY = 300;
const DEMO_REFERENCE_DAY = "2026-11-01";
const MAIN_COMMUNE: Record<string, string> = { creuse: "23096", basrhin: "67482", troyes: "10387" };

/** Each capability's demo data, loaded in this order after organisations, accounts and job seekers. */
const demoSteps: ((tx: Db, today: string) => Promise<void>)[] = [loadDemoRome, loadDemoConventions, loadDemoSupport, loadDemoReviewCases, loadDemoDirectory, loadDemoImmersions, loadDemoPec, loadDemoBooklet];

/** Loads the demo dataset in one transaction: all or nothing. */
export async function loadDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const org of demoOrganisations) {
      const parentId = org.parent ? (await findOrganisationByCode(tx, org.parent))?.id : undefined;
      const id = await insertOrganisation(tx, {
        code: org.code,
        name: org.name,
        kind: org.kind,
        siren: org.siren,
        parentId,
        communes: resolveTerritory(org.territory),
      });
      // The data annexes require a DPO and a security contact for each party (breach notices go to them).
      const dpo = Object.entries(org.accounts).find(([, roles]) => roles.includes("dpo"));
      if (dpo) {
        await tx.query("UPDATE organisations SET dpo_name = $2, dpo_email = $3, security_email = $4 WHERE id = $1", [
          id,
          dpo[0].split(".").map(capitalise).join(" "),
          `${dpo[0]}@${DEMO_EMAIL_DOMAIN}`,
          `securite.${org.code}@${DEMO_EMAIL_DOMAIN}`,
        ]);
      }
      for (const [local, roles] of Object.entries(org.accounts)) {
        const [first, last] = local.split(".");
        await tx.query(
          `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash, password_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, `${local}@${DEMO_EMAIL_DOMAIN}`, capitalise(first), capitalise(last), roles, passwordHash],
        );
      }
    }
    for (const [index, territory] of demoTerritories.entries()) {
      const communes = resolveTerritory(territory.jobSeekerCommunes);
      const people = generateJobSeekers({
        seed: 1000 + index,
        count: DEMO_JOB_SEEKERS_PER_TERRITORY,
        communes,
        mainCommune: MAIN_COMMUNE[territory.key],
        today: DEMO_REFERENCE_DAY,
        identifierPrefix: String(index + 1),
      });
      await tx.query(
        `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, email, phone, synthetic)
         SELECT p->>'ftIdentifier', p->>'firstName', p->>'lastName', (p->>'birthDate')::date, p->>'communeInsee',
                (p->>'qpv')::boolean, ARRAY(SELECT jsonb_array_elements_text(p->'benefits')), (p->>'registeredAt')::date,
                p->>'email', p->>'phone', true
           FROM jsonb_array_elements($1::jsonb) AS p`,
        [JSON.stringify(people)],
      );
    }
    const today = parisToday();
    for (const step of demoSteps) await step(tx, today);
    await tx.query(
      "INSERT INTO app_state (key, value) VALUES ('demo_loaded', $1) ON CONFLICT (key) DO UPDATE SET value = $1, updated_at = now()",
      [JSON.stringify({ at: new Date().toISOString() })],
    );
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function isDemoLoaded(db: Db): Promise<boolean> {
  return (await db.query("SELECT 1 FROM app_state WHERE key = 'demo_loaded'")).length > 0;
}

/** Loads the demo on the first start of a non-production instance whose database is empty. */
export async function ensureDemoData(db: Db, production: boolean): Promise<"loaded" | "kept" | "skipped"> {
  if (production) return "skipped";
  if (await isDemoLoaded(db)) return "kept";
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM organisations");
  if (Number(n) > 0) return "kept";
  await loadDemo(db);
  return "loaded";
}

/** Empties the database (schema included) so that migrations and demo start afresh. Never in production. */
export async function wipeDatabase(db: Db): Promise<void> {
  await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
}
