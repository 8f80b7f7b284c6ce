import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { GovernanceObligationState } from "../../governance/GovernanceObligationState";
import { frenchDate, parisToday } from "../format";
import { Section, type SectionProps } from "./shared";

type Obligation = ConventionDetail["calendar"][number];

/** The obligations the convention's terms make due: the next one first, the past ones folded; a governance meeting with its state (ADR 0034). */
export function CalendarSection({ data }: SectionProps) {
  const today = parisToday();
  const sorted = [...data.calendar].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const upcoming = sorted.filter((o) => o.dueOn >= today);
  const past = sorted.filter((o) => o.dueOn < today);
  const next = upcoming[0];
  return (
    <Section id="echeances" title="Échéances">
      {sorted.length === 0 ? (
        <p>Aucune échéance calculée.</p>
      ) : next ? (
        <>
          <p>
            Prochaine échéance : <strong>{frenchDate(next.dueOn)}</strong> — {next.label}.
          </p>
          <ObligationsTable caption="Échéances à venir, calculées à partir des termes de la convention" obligations={upcoming} today={today} next={next} />
          {past.length > 0 && (
            <details>
              <summary>Échéances passées ({past.length})</summary>
              <ObligationsTable caption="Échéances passées" obligations={past} today={today} />
            </details>
          )}
        </>
      ) : (
        <>
          <p>Toutes les échéances de cette convention sont passées.</p>
          <ObligationsTable caption="Échéances calculées à partir des termes de la convention" obligations={past} today={today} />
        </>
      )}
    </Section>
  );
}

function ObligationsTable({ caption, obligations, today, next }: { caption: string; obligations: Obligation[]; today: string; next?: Obligation }) {
  return (
    <Table
      caption={caption}
      headers={["Date", "Obligation", "Source"]}
      data={obligations.map((o) => {
        const past = o.dueOn < today;
        return [
          <span key="date">
            {past ? frenchDate(o.dueOn) : <strong>{frenchDate(o.dueOn)}</strong>}{" "}
            {past ? (
              <Badge small noIcon>
                passée
              </Badge>
            ) : (
              <Badge small noIcon severity={o === next ? "warning" : "info"}>
                {o === next ? "prochaine" : "à venir"}
              </Badge>
            )}
          </span>,
          <span key="label">
            {past ? o.label : <strong>{o.label}</strong>}
            {o.governance && <GovernanceObligationState governance={o.governance} />}
          </span>,
          o.source,
        ];
      })}
    />
  );
}
