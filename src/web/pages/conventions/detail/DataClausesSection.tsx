import { delayLabel } from "../../../../domain/convention/delays";
import type { ConventionTerms, Delay } from "../../../../shared/contracts/conventionFile";
import { Section, type SectionProps, Source, Term } from "./shared";

type DataClauses = NonNullable<ConventionTerms["dataClauses"]>;
type SourcedDelay = Delay & { source?: string };
/** Each delay as the convention says it (« 2 mois », « 36 heures »), with its own article when the file gives one. */
const DATA_CLAUSE_LABELS: [keyof DataClauses, string, (v: never) => string][] = [
  ["receivedListRetention", "Suppression des listes reçues", (v: SourcedDelay) => `${delayLabel(v)} après leur réception`],
  ["destructionAfterEnd", "Destruction des données après la fin", (v: SourcedDelay) => `au plus tard ${delayLabel(v)} après la fin de la convention`],
  ["breachNotice", "Signalement d’une violation de données", (v: SourcedDelay) => `au plus tard ${delayLabel(v)} après sa découverte`],
  ["rightsAnswer", "Réponse aux demandes d’exercice des droits", (v: SourcedDelay) => `sous ${delayLabel(v)}`],
  ["processingLocation", "Lieu du traitement", (v: string) => v],
];
const sourceOf = (v: unknown) => (typeof v === "object" && v !== null && "source" in v && typeof v.source === "string" ? v.source : null);

/** The convention's data protection clauses, as it writes them. */
export function DataClausesSection({ terms }: SectionProps) {
  return (
    <Section id="donnees" title="Clauses de données">
      {terms.dataClauses ? (
        <>
          <dl className="tandem-terms">
            {DATA_CLAUSE_LABELS.map(([key, label, format]) => {
              const v = terms.dataClauses?.[key];
              return (
                <Term key={key} label={label}>
                  {v === null || v === undefined ? "Non précisé" : format(v as never)}
                  {sourceOf(v) && <span className="fr-text-mention--grey"> (source : {sourceOf(v)})</span>}
                </Term>
              );
            })}
          </dl>
          <Source text={terms.dataClauses.source} />
        </>
      ) : (
        <p>Cette convention ne comporte pas de clause relative aux données.</p>
      )}
    </Section>
  );
}

