import { Table } from "@codegouvfr/react-dsfr/Table";
import { delayLabel } from "../../../../domain/convention/delays";
import { cadenceDescription } from "../../../../domain/shared/cadence";
import { type ConventionTerms, DELAY_UNITS, type Delay } from "../../../../shared/contracts/conventionFile";
import { display, Section, type SectionProps } from "./shared";

const GLOBAL_SUPPORT_LABELS: Record<string, string> = {
  initialMonths: "Durée initiale de l’accompagnement (mois)",
  renewalsAllowed: "Renouvellements possibles",
  monthsPerRenewal: "Durée d’un renouvellement (mois)",
  maxTotalMonths: "Durée maximale totale (mois)",
  orientationToStart: "Délai entre orientation et démarrage",
  entryToFirstAppointments: "Délai entre entrée et premiers rendez-vous",
  maxSocialOnlyMonths: "Durée maximale d’accompagnement social seul (mois)",
  shortActivityUnderMonths: "Emploi ou formation courts : durée inférieure à (mois)",
  targetActiveCasesPerAdvisor: "Cible de parcours actifs par conseiller",
  reviewCadenceMonths: "Fréquence de la commission de suivi",
  directEntryAllowed: "Entrée directe possible",
  reviewSecretariat: "Secrétariat de la commission",
};
const SECRETARIAT_LABELS: Record<string, string> = { alternate: "En alternance", advisor: "Conseiller France Travail", social_worker: "Travailleur social" };
type GlobalSupport = NonNullable<ConventionTerms["programmes"]["globalSupport"]>;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const isDelay = (v: unknown): v is Delay => typeof v === "object" && v !== null && "unit" in v && (DELAY_UNITS as readonly unknown[]).includes(v.unit);

/** The programmes the convention runs in Tandem, with each parameter and its source. */
export function ProgrammesSection({ terms }: SectionProps) {
  return (
    <Section id="programmes" title="Programmes">
      {terms.programmes.globalSupport ? (
        <GlobalSupportTerms terms={terms.programmes.globalSupport} />
      ) : (
        <p>Cette convention ne met pas en œuvre de programme suivi par Tandem.</p>
      )}
    </Section>
  );
}

function GlobalSupportTerms({ terms }: { terms: GlobalSupport }) {
  const distribution = (terms as { reviewDistribution?: { label: string; source: string }[] }).reviewDistribution ?? [];
  const rows = Object.entries(terms).filter(([k, v]) => k !== "sources" && (v === null || typeof v !== "object" || isDelay(v)));
  return (
    <>
      <h3 className="fr-h6">Accompagnement global</h3>
      <Table
        headers={["Paramètre", "Valeur", "Source"]}
        data={rows.map(([k, v]) => [
          GLOBAL_SUPPORT_LABELS[k] ?? k,
          k === "reviewSecretariat"
            ? (SECRETARIAT_LABELS[String(v)] ?? String(v))
            : k === "reviewCadenceMonths" && typeof v === "number"
              ? capitalised(cadenceDescription(v))
              : isDelay(v)
                ? delayLabel(v)
                : display(v),
          terms.sources[k] ?? "—",
        ])}
      />
      {distribution.length > 0 && (
        <>
          <h3 className="fr-h6">Destinataires du tableau de suivi de la commission</h3>
          <Table headers={["Destinataire", "Source"]} data={distribution.map((d) => [d.label, d.source])} />
        </>
      )}
    </>
  );
}

