import type { Db } from "./db.js";

/**
 * The two database roles of a server deployment (docs/adr/0011): the owner, which runs the
 * migrations and owns every table, and the application's role, a member of the group role
 * `tandem_app` (migrations/010), which owns nothing — it can neither alter a table nor disable
 * a trigger nor truncate, and may only read and append to the audit trail.
 */
export const APP_GROUP_ROLE = "tandem_app";

const insufficientPrivilege = (error: unknown) => (error as { code?: string } | null)?.code === "42501";

/**
 * As the owner, after the migrations: makes sure the role of DATABASE_URL can work — the group
 * role exists and holds its grants, the login role exists (created with the URL's password if
 * missing) and is a member of it. Whatever the owner may not do stops the start with the SQL
 * the database administrator has to run once.
 */
export async function ensureAppRole(owner: Db, appUrl: string): Promise<void> {
  const url = new URL(appUrl);
  const name = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!name) throw new Error("DATABASE_URL doit nommer le rôle de l’application : postgres://tandem:MOT_DE_PASSE@hôte:5432/base");
  const [me] = await owner.query<{ owner: string }>("SELECT current_user AS owner");
  // Same role for both: nothing to separate (the start-up message says the app runs as the owner).
  if (name === me.owner) return;

  const dbaScript = [
    `  CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN;                       -- si absent`,
    `  CREATE ROLE "${name}" LOGIN PASSWORD '…' IN ROLE ${APP_GROUP_ROLE};  -- ou : GRANT ${APP_GROUP_ROLE} TO "${name}";`,
    "puis relancer (les droits de tandem_app sont donnés au démarrage).",
  ].join("\n");
  const asOwner = async (sql: string) => {
    try {
      await owner.exec(sql);
    } catch (error) {
      if (!insufficientPrivilege(error)) throw error;
      throw new Error(
        `Le rôle propriétaire « ${me.owner} » ne peut pas préparer le rôle de l’application « ${name} » (${(error as Error).message}).\n` +
          `À exécuter une fois par l’administrateur de la base :\n${dbaScript}`,
      );
    }
  };
  const format = async (template: string, ...args: string[]) =>
    (await owner.query<{ sql: string }>(`SELECT format($1, ${args.map((_, i) => `$${i + 2}::text`).join(", ")}) AS sql`, [template, ...args]))[0].sql;

  const [group] = await owner.query<{ exists: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists", [APP_GROUP_ROLE]);
  if (!group.exists) await asOwner(`CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN`);
  // Created after the migration that grants (by the DBA, or just above): give its rights now.
  const [granted] = await owner.query<{ ok: boolean }>("SELECT has_table_privilege($1::name, 'public.audit_events', 'INSERT') AS ok", [APP_GROUP_ROLE]);
  if (!granted.ok) await owner.query("SELECT tandem_app_grants()");

  const [login] = await owner.query<{ member: boolean }>("SELECT pg_has_role(rolname, $2::name, 'MEMBER') AS member FROM pg_roles WHERE rolname = $1", [name, APP_GROUP_ROLE]);
  if (!login) {
    await asOwner(
      password
        ? await format(`CREATE ROLE %I LOGIN PASSWORD %L IN ROLE ${APP_GROUP_ROLE}`, name, password)
        : await format(`CREATE ROLE %I LOGIN IN ROLE ${APP_GROUP_ROLE}`, name),
    );
  } else if (!login.member) {
    await asOwner(await format(`GRANT ${APP_GROUP_ROLE} TO %I`, name));
  }
}

export type DatabaseRole = { mode: "embedded" | "owner" | "least_privilege"; user: string; message: string };

/** Who the application is connected as, and whether that role could alter the audit trail: said at start-up. */
export async function describeDatabaseRole(db: Db): Promise<DatabaseRole> {
  if (db.kind === "embedded") {
    return {
      mode: "embedded",
      user: "postgres",
      message:
        "base embarquée (PGlite) : un seul utilisateur, superutilisateur — la séparation des rôles n’existe que sur un serveur PostgreSQL. " +
        "Le journal d’audit reste vérifiable : npm run tandem -- audit:verify.",
    };
  }
  const [r] = await db.query<{ user: string; superuser: boolean; owner: boolean; can_rewrite: boolean }>(
    `SELECT current_user AS "user", r.rolsuper AS superuser,
            COALESCE(pg_has_role(current_user, c.relowner, 'USAGE'), false) AS owner,
            COALESCE(has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE'), false) AS can_rewrite
       FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('public.audit_events')
      WHERE r.rolname = current_user`,
  );
  if (r.superuser || r.owner || r.can_rewrite) {
    const what = r.superuser ? "superutilisateur" : r.owner ? "propriétaire du schéma" : "autorisé à modifier le journal d’audit";
    return {
      mode: "owner",
      user: r.user,
      message:
        `ATTENTION : l’application se connecte avec le rôle « ${r.user} », ${what} : il pourrait désactiver la protection du journal d’audit. ` +
        `En production, DATABASE_OWNER_URL pour le rôle propriétaire (migrations) et DATABASE_URL pour le rôle de l’application, membre de ${APP_GROUP_ROLE} (README, « Sécurité »).`,
    };
  }
  return {
    mode: "least_privilege",
    user: r.user,
    message: `rôle « ${r.user} », moindre privilège (membre de ${APP_GROUP_ROLE} : aucun droit sur le schéma, journal d’audit en lecture et ajout seuls).`,
  };
}
