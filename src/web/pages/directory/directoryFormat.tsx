import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { frenchDate } from "../../../domain/shared/calendarDate";
import type { DirectoryService } from "../../../shared/contracts/directory";
import { thematiqueLabel } from "../../../shared/directoryReferentials";

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Where to go: the service's own address, else its structure's (the schema lets the service omit it). */
export function addressOf(r: DirectoryService): string | null {
  const from = text(r.service.adresse) ? r.service : r.structure;
  const street = [text(from.adresse), text(from.complement_adresse)].filter(Boolean).join(", ");
  const town = [text(from.code_postal), text(from.commune)].filter(Boolean).join(" ");
  return [street, town].filter(Boolean).join(", ") || null;
}
export const hoursOf = (r: DirectoryService) => text(r.service.horaires_accueil) ?? text(r.structure.horaires_accueil);
export const phoneOf = (r: DirectoryService) => text(r.service.telephone) ?? text(r.structure.telephone);
export const emailOf = (r: DirectoryService) => text(r.service.courriel) ?? text(r.structure.courriel);
export const thematiquesOf = (r: DirectoryService) => list(r.service.thematiques);
export const zoneOf = (r: DirectoryService) => list(r.service.zone_eligibilite);
export { list, text };

/** « Mis à jour le 12/03/2026 », flagged when older than a year (the yearly joint update [001 art. 2.1]). */
export function Freshness({ dateMaj, today }: { dateMaj: string; today: string }) {
  const old = dateMaj < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return (
    <span className={old ? "fr-badge fr-badge--sm fr-badge--warning" : "fr-badge fr-badge--sm fr-badge--success"}>
      {old ? `À mettre à jour — ${frenchDate(dateMaj)}` : `Mis à jour le ${frenchDate(dateMaj)}`}
    </span>
  );
}

export function ThematiqueTags({ values }: { values: string[] }) {
  return (
    <ul className="fr-tags-group">
      {values.map((t) => (
        <li key={t}>
          <Tag small>{thematiqueLabel(t)}</Tag>
        </li>
      ))}
    </ul>
  );
}
