import type { ConventionTerms } from "../../../../shared/contracts/conventionFile";
import { Section, type SectionProps, Source, Term } from "./shared";

const DATA_CLAUSE_LABELS: [keyof NonNullable<ConventionTerms["dataClauses"]>, string, (v: never) => string][] = [
  ["receivedListRetentionMonths", "Conservation des listes reçues", (v: number) => `${v} mois`],
  ["destructionAfterEndMonths", "Destruction des données après la fin", (v: number) => `${v} mois`],
  ["breachNoticeHours", "Signalement d’une violation de données", (v: number) => `sous ${v} heures`],
  ["rightsAnswerMonths", "Réponse aux demandes d’exercice des droits", (v: number) => `sous ${v} mois`],
  ["processingLocation", "Lieu du traitement", (v: string) => v],
];

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

