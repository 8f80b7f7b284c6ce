import type { z } from "zod";
import type { OrganisationListQuerySchema, OrganisationPageSchema } from "../../shared/contracts/organisations.js";
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from "../../shared/roles.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { likeEscaped } from "../platform/likePattern.js";

type Query = z.infer<typeof OrganisationListQuerySchema>;

/** Organisations for the platform admin: searched by name or code (accents and case ignored), filtered by kind, paged in SQL. */
export async function listOrganisations(db: Db, ctx: RequestContext & { user: SessionUser }, query: Query): Promise<z.infer<typeof OrganisationPageSchema>> {
  authorize(ctx.user, "organisation.list");
  const { page, pageSize } = query;
  const term = query.q ? `%${likeEscaped(query.q)}%` : null;
  const rows = await db.query<{
    id: string;
    code: string;
    name: string;
    kind: OrganisationKind;
    parent_name: string | null;
    communes: string;
    users: string;
    total: string;
  }>(
    `SELECT o.id, o.code, o.name, o.kind, p.name AS parent_name,
            (SELECT count(*) FROM organisation_communes oc WHERE oc.organisation_id = o.id) AS communes,
            (SELECT count(*) FROM users u WHERE u.organisation_id = o.id) AS users,
            count(*) OVER () AS total
       FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
      WHERE ($1::text IS NULL OR unaccent(lower(o.name)) LIKE unaccent(lower($1)) OR lower(o.code) LIKE lower($1))
        AND ($2::text IS NULL OR o.kind = $2)
      ORDER BY lower(o.name), o.id
      LIMIT $3 OFFSET $4`,
    [term, query.kind ?? null, pageSize, (page - 1) * pageSize],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentName: r.parent_name,
      communeCount: Number(r.communes),
      userCount: Number(r.users),
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}

/** Organisations by name or code (at most 20): id, name and kind only, for pickers. */
export async function searchDirectory(db: Db, q: string): Promise<{ code: string; name: string; detail: string }[]> {
  if (q.trim().length < 2) return [];
  const term = `%${likeEscaped(q.trim())}%`;
  const rows = await db.query<{ id: string; name: string; kind: OrganisationKind }>(
    `SELECT id, name, kind FROM organisations
      WHERE kind <> 'platform' AND (unaccent(lower(name)) LIKE unaccent(lower($1)) OR lower(code) LIKE lower($1))
      ORDER BY lower(name), id LIMIT 20`,
    [term],
  );
  return rows.map((r) => ({ code: r.id, name: r.name, detail: ORGANISATION_KIND_LABELS[r.kind] }));
}
