import type { ComponentType } from "react";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { AmendmentsSection } from "./AmendmentsSection";
import { CalendarSection } from "./CalendarSection";
import { CommitmentsSection } from "./CommitmentsSection";
import { DataClausesSection } from "./DataClausesSection";
import { FinanceSection } from "./FinanceSection";
import { GovernanceSection } from "../../governance/GovernanceSection";
import { HistorySection } from "./HistorySection";
import { IndicatorsSection } from "./IndicatorsSection";
import { PartiesSection } from "./PartiesSection";
import { PeriodSection } from "./PeriodSection";
import { ProgrammesSection } from "./ProgrammesSection";
import type { SectionProps } from "./shared";

/** The sections of a convention's page, in the side menu's order; `id` is the URL's hash that opens it. */
export const conventionSections: { id: string; label: string; Component: ComponentType<SectionProps>; shown: (d: ConventionDetail) => boolean }[] = [
  { id: "parties", label: "Parties et signatures", Component: PartiesSection, shown: () => true },
  { id: "periode", label: "Période et résiliation", Component: PeriodSection, shown: () => true },
  { id: "echeances", label: "Échéances", Component: CalendarSection, shown: () => true },
  { id: "engagements", label: "Engagements", Component: CommitmentsSection, shown: () => true },
  { id: "gouvernance", label: "Gouvernance", Component: GovernanceSection, shown: () => true },
  { id: "finances", label: "Finances et versements", Component: FinanceSection, shown: (d) => d.finance !== null },
  { id: "programmes", label: "Programmes", Component: ProgrammesSection, shown: () => true },
  { id: "donnees", label: "Clauses de données", Component: DataClausesSection, shown: () => true },
  { id: "indicateurs", label: "Indicateurs", Component: IndicatorsSection, shown: () => true },
  { id: "avenants", label: "Avenants", Component: AmendmentsSection, shown: () => true },
  { id: "historique", label: "Historique", Component: HistorySection, shown: () => true },
];
