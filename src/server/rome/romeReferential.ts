import type { Db } from "../platform/db.js";
import { searchTextOf } from "./romeSearchText.js";
import { likeEscaped } from "../platform/likePattern.js";

/**
 * What other contexts read of the ROME referential (ADR 0036): trades (fiches métiers, by code ROME)
 * and skills (savoir-faire, savoir-être, savoirs, by code OGR), searched by words of their label
 * (any order, without accents) or by code, and read back by codes. Loaded by romeLoader.ts.
 */
export type RomeSkill = { code: string; label: string; kind: string };
export type RomeTrade = { code: string; label: string };

const MAX_LIMIT = 50;
const boundLimit = (limit: number) => Math.max(1, Math.min(MAX_LIMIT, Math.trunc(Number.isFinite(limit) ? limit : 20)));
const wordsOf = (query: string) => searchTextOf(query).split(" ").filter(Boolean).slice(0, 6);
const like = (word: string) => `%${likeEscaped(word)}%`;

/** Skills whose label holds every word of the query (or whose code OGR is the query), savoir-faire first, then by label. */
export async function searchRomeSkills(db: Db, query: string, limit: number): Promise<RomeSkill[]> {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  const params: unknown[] = [query.trim(), boundLimit(limit)];
  const clauses = words.map((w) => {
    params.push(like(w));
    return `s.search_text LIKE $${params.length}`;
  });
  return db.query<RomeSkill>(
    `SELECT s.code, s.label, s.kind FROM rome_skills s
      WHERE s.code = $1 OR (${clauses.join(" AND ")})
      ORDER BY (s.code = $1) DESC, CASE s.kind WHEN 'savoir_faire' THEN 0 WHEN 'savoir_etre' THEN 1 ELSE 2 END, s.label, s.code
      LIMIT $2`,
    params,
  );
}

/** The skills of these codes OGR that the referential holds, in the order asked (unknown codes left out). */
export async function romeSkillsByCodes(db: Db, codes: string[]): Promise<RomeSkill[]> {
  if (codes.length === 0) return [];
  return db.query<RomeSkill>(
    `SELECT s.code, s.label, s.kind FROM unnest($1::text[]) WITH ORDINALITY AS k(code, n) JOIN rome_skills s ON s.code = k.code ORDER BY k.n`,
    [codes],
  );
}

/** Trades whose label or one of whose appellations holds every word of the query (or whose code ROME starts with it). */
export async function searchRomeTrades(db: Db, query: string, limit: number): Promise<RomeTrade[]> {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  const params: unknown[] = [`${likeEscaped(query.trim().toUpperCase())}%`, boundLimit(limit)];
  const onTrade: string[] = [];
  const onAppellation: string[] = [];
  for (const w of words) {
    params.push(like(w));
    onTrade.push(`t.search_text LIKE $${params.length}`);
    onAppellation.push(`a.search_text LIKE $${params.length}`);
  }
  return db.query<RomeTrade>(
    `SELECT t.code, t.label FROM rome_trades t
      WHERE t.code LIKE $1 OR (${onTrade.join(" AND ")})
         OR EXISTS (SELECT 1 FROM rome_appellations a WHERE a.trade_code = t.code AND ${onAppellation.join(" AND ")})
      ORDER BY (t.code LIKE $1) DESC, t.label, t.code
      LIMIT $2`,
    params,
  );
}

/** The trades of these codes ROME that the referential holds, in the order asked (unknown codes left out). */
export async function romeTradesByCodes(db: Db, codes: string[]): Promise<RomeTrade[]> {
  if (codes.length === 0) return [];
  return db.query<RomeTrade>(
    `SELECT t.code, t.label FROM unnest($1::text[]) WITH ORDINALITY AS k(code, n) JOIN rome_trades t ON t.code = k.code ORDER BY k.n`,
    [codes],
  );
}

/** The skills the referential links to a trade (its fiche métier), savoir-faire first. */
export async function romeSkillsOfTrade(db: Db, tradeCode: string): Promise<RomeSkill[]> {
  return db.query<RomeSkill>(
    `SELECT s.code, s.label, s.kind FROM rome_trade_skills ts JOIN rome_skills s ON s.code = ts.skill_code
      WHERE ts.trade_code = $1
      ORDER BY CASE s.kind WHEN 'savoir_faire' THEN 0 WHEN 'savoir_etre' THEN 1 ELSE 2 END, s.label`,
    [tradeCode],
  );
}

/** The version and counts of the referential loaded last, or null before any load. */
export async function romeReferentialStatus(db: Db): Promise<{ version: string; trades: number; skills: number; loadedAt: string } | null> {
  const [row] = await db.query<{ version: string; trades: number; skills: number; loaded_at: string }>(
    "SELECT version, trades, skills, to_char(loaded_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD\"T\"HH24:MI') AS loaded_at FROM rome_loads ORDER BY loaded_at DESC LIMIT 1",
  );
  return row ? { version: row.version, trades: row.trades, skills: row.skills, loadedAt: row.loaded_at } : null;
}
