import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { COMMITMENT_STATUS_LABELS } from "../../../domain/convention/commitments";
import { OkSchema } from "../../../shared/contracts/common";
import { type ConventionDetail, ConventionDetailSchema } from "../../../shared/contracts/convention";
import { CONVENTION_KIND_LABELS, type ConventionTerms, PERIOD_LABELS } from "../../../shared/contracts/conventionFile";
import { ApiError, api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ConventionStatusBadge, formatNumber, frenchDate, parisToday } from "./format";

type Commitment = ConventionDetail["commitments"][number];
type Finance = NonNullable<ConventionDetail["finance"]>;

const SIDE_LABELS: Record<string, string> = { france_travail: "France Travail", partner: "Partenaire" };
const COMPARISON_LABELS = { at_least: "au moins", at_most: "au plus" } as const;
const COMMITMENT_SEVERITY = { met: "success", at_risk: "warning", missed: "error", not_recorded: undefined } as const;
const NOTICE_BEFORE_LABELS: Record<string, string> = {
  yearly_anniversary: "avant la date d'échéance annuelle",
  end: "avant la fin de la convention",
  none: "sans date de référence",
};
const EVENT_LABELS: Record<string, string> = {
  imported: "Import",
  amendment: "Avenant",
  amendment_proposed: "Avenant proposé",
  amendment_signature: "Signature d'un avenant",
  signature: "Signature",
  termination_notice: "Résiliation notifiée",
  succession: "Succession d'une partie",
  commitment_value: "Valeur d'engagement relevée",
  payment: "Versement",
};
const GLOBAL_SUPPORT_LABELS: Record<string, string> = {
  initialMonths: "Durée initiale de l'accompagnement (mois)",
  renewalsAllowed: "Renouvellements possibles",
  monthsPerRenewal: "Durée d'un renouvellement (mois)",
  maxTotalMonths: "Durée maximale totale (mois)",
  daysFromOrientationToStart: "Délai entre orientation et démarrage (jours)",
  daysFromEntryToFirstAppointments: "Délai entre entrée et premiers rendez-vous (jours)",
  maxSocialOnlyMonths: "Durée maximale d'accompagnement social seul (mois)",
  shortActivityUnderMonths: "Emploi ou formation courts : durée inférieure à (mois)",
  targetActiveCasesPerAdvisor: "Cible de parcours actifs par conseiller",
  reviewCadenceMonths: "Fréquence de la commission de suivi (mois)",
  directEntryAllowed: "Entrée directe possible",
  reviewSecretariat: "Secrétariat de la commission",
};
const SECRETARIAT_LABELS: Record<string, string> = { alternate: "En alternance", advisor: "Conseiller France Travail", social_worker: "Travailleur social" };
const DATA_CLAUSE_LABELS: [keyof NonNullable<ConventionTerms["dataClauses"]>, string, (v: never) => string][] = [
  ["receivedListRetentionMonths", "Conservation des listes reçues", (v: number) => `${v} mois`],
  ["destructionAfterEndMonths", "Destruction des données après la fin", (v: number) => `${v} mois`],
  ["breachNoticeHours", "Signalement d'une violation de données", (v: number) => `sous ${v} heures`],
  ["rightsAnswerMonths", "Réponse aux demandes d'exercice des droits", (v: number) => `sous ${v} mois`],
  ["processingLocation", "Lieu du traitement", (v: string) => v],
];

const display = (v: unknown): string => {
  if (v === null || v === undefined) return "Non fixé";
  if (typeof v === "boolean") return v ? "Oui" : "Non";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
};

/** One convention: its terms in force, what it requires and when, and what has happened. */
export function ConventionDetailPage() {
  const { id = "" } = useParams();
  const { data, error, reload } = useApi(() => api.get(`/api/conventions/${id}`, ConventionDetailSchema), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const terms = data?.terms as ConventionTerms | undefined;
  usePageTitle(data && terms ? `Convention ${data.number}` : "Convention");
  useBreadcrumbLabel(data ? `Convention ${data.number}` : undefined);

  if (error)
    return (
      <>
        <h1>Convention</h1>
        <ErrorAlert error={error} />
        <p>
          <Link to="/conventions">Retour au registre des conventions</Link>
        </p>
      </>
    );
  if (!data || !terms) return <LoadingState />;

  const done = (message: string) => {
    setNotice(message);
    reload();
  };

  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/conventions" className="fr-link fr-icon-arrow-left-s-line fr-link--icon-left">
          Registre des conventions
        </Link>
      </p>
      <h1>{terms.title}</h1>
      <p className="fr-text--lead">
        Convention n° {data.number} — {CONVENTION_KIND_LABELS[terms.kind] ?? terms.kind} <ConventionStatusBadge status={data.status} small={false} />
      </p>
      {data.status === "draft" && data.awaitingSignatureOf.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description={
            <>
              <strong>Brouillon — en attente de signature de : {data.awaitingSignatureOf.join(", ")}.</strong> La convention n'ouvre aucune donnée
              tant que chaque partie n'a pas signé dans Tandem ; les dates de signature écrites dans le fichier importé ne valent pas signature.
            </>
          }
        />
      )}
      <p>{terms.object}</p>
      {terms.annexOf && <p>Annexe de la convention n° {terms.annexOf}.</p>}
      <p>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          linkProps={{ to: `/api/conventions/${data.id}/export.yaml`, reloadDocument: true }}
        >
          Exporter (YAML)
        </Button>
      </p>
      {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} closable onClose={() => setNotice(null)} />}

      <Section title="Parties">
        <Table
          headers={["Organisation", "Signature", "Côté", "Partie depuis", "Partie jusqu'au"]}
          data={data.parties.map((p) => [
            p.name,
            <PartySignature key="signature" party={p} />,
            SIDE_LABELS[p.side] ?? p.side,
            p.validFrom ? frenchDate(p.validFrom) : "Origine de la convention",
            p.validTo ? frenchDate(p.validTo) : "—",
          ])}
        />
        {terms.parties
          .filter((p) => p.succession)
          .map((p) => (
            <p key={p.organisation}>
              À partir du {frenchDate(p.succession?.from)}, {p.succession?.name} succède à la partie « {p.organisation} ».{" "}
              <Source text={p.succession?.source} />
            </p>
          ))}
        {data.parties
          .filter((p) => p.canSign)
          .map((p) => (
            <SignatureForm key={p.code} conventionId={data.id} parties={[p]} mode="in_app" onDone={done} />
          ))}
        {data.canRecordScannedCopy && (
          <SignatureForm conventionId={data.id} parties={data.parties.filter((p) => p.signatory && !p.signature)} mode="scanned_copy" onDone={done} />
        )}
      </Section>

      <Section title="Période et résiliation">
        <dl className="tandem-terms">
          <Term label="Date d'effet">
            {data.effectiveOn ? frenchDate(data.effectiveOn) : "À la dernière signature (pas encore signée par toutes les parties)"}
          </Term>
          {data.signedOn && <Term label="Signée le">{frenchDate(data.signedOn)}</Term>}
          <Term label="Fin">{frenchDate(data.endsOn)}</Term>
          {data.terminatedOn && <Term label="Résiliée, fin le">{frenchDate(data.terminatedOn)}</Term>}
          <Term label="Durée maximale">{terms.period.maxTotalMonths ? `${terms.period.maxTotalMonths} mois à compter de la date d'effet` : "Non fixée"}</Term>
        </dl>
        <Source text={terms.period.source} />
        <h3 className="fr-h6 fr-mt-3w">Résiliation</h3>
        <dl className="tandem-terms">
          <Term label="Préavis">
            {terms.termination.notice.months} mois {NOTICE_BEFORE_LABELS[terms.termination.notice.before] ?? ""}
            {terms.termination.notice.effectiveMonthsAfterReceipt !== null &&
              ` ; effet ${terms.termination.notice.effectiveMonthsAfterReceipt} mois après réception du courrier`}
          </Term>
        </dl>
        <Source text={terms.termination.notice.source} />
        <dl className="tandem-terms">
          <Term label="En cas de manquement">
            mise en demeure de {terms.termination.breach.formalNoticeMonths} mois
            {terms.termination.breach.suspendDataExchangeAtOnce && ", échanges de données suspendus immédiatement"}
          </Term>
        </dl>
        <Source text={terms.termination.breach.source} />
      </Section>

      <CalendarSection calendar={data.calendar} />

      <Section title="Engagements">
        {data.commitments.length === 0 ? (
          <p>Cette convention ne fixe pas d'engagement chiffré.</p>
        ) : (
          <>
            <Table
              headers={["Engagement", "Cible", "Période", "Valeur relevée", "État", "Source"]}
              data={data.commitments.map((c) => [
                c.description,
                `${COMPARISON_LABELS[c.comparison]} ${formatNumber(c.target)} ${c.measure}`,
                PERIOD_LABELS[c.period as keyof typeof PERIOD_LABELS] ?? c.period,
                c.value === null ? (
                  "—"
                ) : (
                  <span key="value">
                    {formatNumber(c.value)}
                    {c.valueOn && ` au ${frenchDate(c.valueOn)}`}
                    {c.computed && " (calculée par Tandem)"}
                    {c.valueNote && (
                      <>
                        <br />
                        <small>{c.valueNote}</small>
                      </>
                    )}
                  </span>
                ),
                <Badge key="status" severity={COMMITMENT_SEVERITY[c.status]} small noIcon>
                  {COMMITMENT_STATUS_LABELS[c.status]}
                </Badge>,
                c.source,
              ])}
            />
            {data.canEdit &&
              data.commitments
                .filter((c) => !c.computed)
                .map((c) => <CommitmentValueForm key={c.key} conventionId={data.id} commitment={c} onDone={done} />)}
          </>
        )}
      </Section>

      {data.finance && (
        <FinanceSection finance={data.finance} canEdit={data.canEdit} conventionId={data.id} terms={terms} onDone={done} />
      )}

      <Section title="Programmes">
        {terms.programmes.globalSupport ? <GlobalSupportTerms terms={terms.programmes.globalSupport} /> : <p>Cette convention ne met pas en œuvre de programme suivi par Tandem.</p>}
      </Section>

      <Section title="Clauses de données">
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

      <Section title="Indicateurs">
        {terms.indicators.length === 0 ? (
          <p>Aucun indicateur à produire.</p>
        ) : (
          <Table
            headers={["Indicateur", "Fréquence", "Source"]}
            data={terms.indicators.map((i) => [i.name, PERIOD_LABELS[i.frequency], i.source])}
          />
        )}
      </Section>

      <Section title="Avenants">
        {data.amendments.length === 0 ? (
          <p>Aucun avenant.</p>
        ) : (
          <>
            {data.amendments
              .filter((a) => a.status === "pending")
              .map((a) => (
                <Alert
                  key={a.id}
                  className="fr-mb-2w"
                  severity="info"
                  small
                  description={
                    <>
                      <strong>
                        Avenant « {a.number} » en attente de signature de : {a.awaitingSignatureOf.join(", ")}.
                      </strong>{" "}
                      Il ne modifie la convention qu'une fois signé dans Tandem par chacune des parties.
                    </>
                  }
                />
              ))}
            <Table
              headers={["Numéro", "Effet le", "Objet", "Signatures"]}
              data={data.amendments.map((a) => [a.number, frenchDate(a.effectiveOn), a.summary, <AmendmentSignatures key="signatures" amendment={a} />])}
            />
            {data.amendments.flatMap((a) =>
              a.parties
                .filter((p) => p.canSign)
                .map((p) => <SignatureForm key={`${a.id}-${p.code}`} conventionId={data.id} amendment={a} parties={[p]} mode="in_app" onDone={done} />),
            )}
            {data.amendments
              .filter((a) => a.canRecordScannedCopy)
              .map((a) => (
                <SignatureForm key={`${a.id}-scan`} conventionId={data.id} amendment={a} parties={a.parties.filter((p) => !p.signature)} mode="scanned_copy" onDone={done} />
              ))}
          </>
        )}
        {data.canEdit && !data.terminatedOn && <AmendmentForm conventionId={data.id} signsFor={data.signsFor} onDone={done} />}
      </Section>

      {data.canEdit && !data.terminatedOn && (
        <Section title="Notifier une résiliation">
          <TerminationForm conventionId={data.id} onDone={done} />
        </Section>
      )}

      <Section title="Historique">
        {data.events.length === 0 ? (
          <p>Aucun évènement enregistré.</p>
        ) : (
          <Table
            headers={["Date", "Évènement", "Détails", "Enregistré le"]}
            data={data.events.map((e) => [
              frenchDate(e.occurredOn),
              EVENT_LABELS[e.kind] ?? e.kind,
              eventDetails(e.kind, e.details),
              new Date(e.recordedAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }),
            ])}
          />
        )}
      </Section>
    </>
  );
}

/** A decimal amount from the terms ("41626.00") shown the French way ("41 626,00 €"). */
const euros = (amount: string) => Number(amount).toLocaleString("fr-FR", { style: "currency", currency: "EUR" });

/** An event's details in French, for the kinds Tandem records; other keys as they come. */
function eventDetails(kind: string, d: Record<string, unknown>): string {
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  switch (kind) {
    case "imported": {
      const n = Number(d.amendments ?? 0);
      const imported = n === 0 ? "Fichier de convention importé, sans avenant" : `Fichier de convention importé, avec ${n} avenant${n > 1 ? "s" : ""}`;
      return d.draft ? `${imported}, comme brouillon à signer par chaque partie` : imported;
    }
    case "amendment":
      return `${str(d.number)} — ${str(d.summary)}`;
    case "amendment_proposed":
      return `${str(d.number)} — ${str(d.summary)} ; effet le ${frenchDate(str(d.effectiveOn))}${d.signedBy ? ` ; signé par ${str(d.signedBy)} avec la proposition` : ""}${d.applies ? " ; s'applique" : ""}`;
    case "amendment_signature":
      return `Avenant ${str(d.number)} : ${str(d.name)}, ${str(d.title)} (${str(d.organisation)})${d.mode === "scanned_copy" ? " — copie signée (scan)" : " — signé dans Tandem"}${d.applies ? " ; signé par toutes les parties, l'avenant s'applique" : ""}`;
    case "signature":
      return `${str(d.name)}, ${str(d.title)} (${str(d.organisation)})${d.mode === "scanned_copy" ? " — copie signée (scan)" : d.mode === "in_app" ? " — signée dans Tandem" : ""}`;
    case "termination_notice":
      return `${d.reason === "breach" ? "Manquement" : "Préavis"} ; fin le ${frenchDate(str(d.endsOn))}${d.note ? ` ; ${str(d.note)}` : ""}`;
    case "succession":
      return `${str(d.successor)} succède à ${str(d.predecessor)}`;
    case "commitment_value":
      return `${str(d.key)} : ${typeof d.value === "number" ? formatNumber(d.value) : str(d.value)}`;
    case "payment":
      return typeof d.amount === "string" ? euros(d.amount) : "";
    default:
      return Object.entries(d)
        .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
        .map(([k, v]) => `${k} : ${String(v)}`)
        .join(" ; ");
  }
}

type GlobalSupport = NonNullable<ConventionTerms["programmes"]["globalSupport"]>;

function GlobalSupportTerms({ terms }: { terms: GlobalSupport }) {
  const distribution = (terms as { reviewDistribution?: { label: string; source: string }[] }).reviewDistribution ?? [];
  const rows = Object.entries(terms).filter(([k, v]) => k !== "sources" && (v === null || typeof v !== "object"));
  return (
    <>
      <h3 className="fr-h6">Accompagnement global</h3>
      <Table
        headers={["Paramètre", "Valeur", "Source"]}
        data={rows.map(([k, v]) => [
          GLOBAL_SUPPORT_LABELS[k] ?? k,
          k === "reviewSecretariat" ? (SECRETARIAT_LABELS[String(v)] ?? String(v)) : display(v),
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

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fr-mt-6w">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fr-mb-1w">
      <dt className="fr-text--bold" style={{ display: "inline" }}>
        {label} :{" "}
      </dt>
      <dd style={{ display: "inline", margin: 0 }}>{children}</dd>
    </div>
  );
}

function Source({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <p className="fr-text--sm fr-text-mention--grey">Source : {text}</p>;
}

function CalendarSection({ calendar }: { calendar: ConventionDetail["calendar"] }) {
  const today = parisToday();
  const sorted = [...calendar].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const upcoming = sorted.filter((o) => o.dueOn >= today);
  const past = sorted.filter((o) => o.dueOn < today);
  const next = upcoming[0];
  return (
    <Section title="Échéances">
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

function ObligationsTable({
  caption,
  obligations,
  today,
  next,
}: { caption: string; obligations: ConventionDetail["calendar"]; today: string; next?: ConventionDetail["calendar"][number] }) {
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
          past ? o.label : <strong key="label">{o.label}</strong>,
          o.source,
        ];
      })}
    />
  );
}

function FinanceSection({
  finance,
  canEdit,
  conventionId,
  terms,
  onDone,
}: { finance: Finance; canEdit: boolean; conventionId: string; terms: ConventionTerms; onDone: (m: string) => void }) {
  return (
    <Section title="Finances">
      <dl className="tandem-terms">
        <Term label="Montant annuel">{finance.yearlyAmount}</Term>
        {terms.finance && (
          <Term label="Calcul">
            {euros(terms.finance.yearlyAmountPerFte)} par ETP × {formatNumber(Number(terms.finance.fte))} ETP
            {terms.finance.yearlyRevaluation && ", actualisé chaque année"}
          </Term>
        )}
        <Term label="Montant dû sur la durée de la convention">{finance.due}</Term>
        <Term label="Déjà versé">{finance.paid}</Term>
        <Term label="Reste dû">{finance.outstanding}</Term>
      </dl>
      <Table
        caption="Échéancier des versements"
        headers={["Versement", "Date d'échéance", "Montant"]}
        data={finance.schedule.map((s) => [s.label, s.dueOn ? frenchDate(s.dueOn) : "À la signature de toutes les parties", s.amount])}
      />
      {finance.earlyEnd && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          small
          description={`Fin anticipée au ${frenchDate(finance.earlyEnd.endedOn)} : montant dû pour la période effectuée ${finance.earlyEnd.served}, à reverser ${finance.earlyEnd.refund}.`}
        />
      )}
      <Source text={finance.source} />
      {finance.canRecordPayment ? (
        <PaymentForm conventionId={conventionId} finance={finance} onDone={onDone} />
      ) : (
        canEdit && (
          <p className="fr-text--sm">
            {finance.paymentPeriod === null
              ? "Les versements s'enregistrent une fois la convention signée par toutes les parties."
              : finance.outstandingCents === "0"
                ? "Le montant dû est entièrement versé : aucun versement à enregistrer."
                : "Aucun versement ne peut être enregistré pour le moment."}
          </p>
        )
      )}
    </Section>
  );
}

/** A small form posting to the API, showing the server's French error when refused. */
function useSubmit(onDone: (message: string) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<string>) => {
    setError(null);
    setBusy(true);
    try {
      onDone(await send());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

type Issue = { path: string; message: string };
const issuesOf = (error: unknown): Issue[] => (error instanceof ApiError ? ((error.details as { issues?: Issue[] } | undefined)?.issues ?? []) : []);

/** The first message of the server's field errors whose path the test accepts: shown next to that field, in DSFR error style. */
const fieldError = (error: unknown, accepts: (path: string) => boolean) => issuesOf(error).find((i) => accepts(i.path.replace(/^body\./, "")))?.message;

/** The error's message above the form; the field errors the form shows next to their fields are not repeated there. */
function FormError({ error, shownNextToFields }: { error: unknown; shownNextToFields: (path: string) => boolean }) {
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  const rest = issuesOf(error).filter((i) => !shownNextToFields(i.path.replace(/^body\./, "")));
  return <ErrorAlert error={new ApiError(error.status, error.code, error.message, { issues: rest })} />;
}

function CommitmentValueForm({ conventionId, commitment, onDone }: { conventionId: string; commitment: Commitment; onDone: (m: string) => void }) {
  const [recordedOn, setRecordedOn] = useState(parisToday());
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const { error, busy, submit } = useSubmit(onDone);
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await api.post(`/api/conventions/${conventionId}/commitments/${commitment.key}/values`, OkSchema, {
        recordedOn,
        value: Number(value.replace(",", ".")),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      return `Valeur enregistrée pour « ${commitment.description} ».`;
    });
  };
  return (
    <details className="fr-mb-2w">
      <summary>Relever une valeur : {commitment.description}</summary>
      <ErrorAlert error={error} />
      <form onSubmit={send} className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
        <div className="fr-col-12 fr-col-md-3">
          <Input label="Date du relevé" nativeInputProps={{ type: "date", required: true, value: recordedOn, onChange: (e) => setRecordedOn(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label={`Valeur (${commitment.measure})`}
            nativeInputProps={{ inputMode: "decimal", required: true, pattern: "[0-9]+([.,][0-9]+)?", value, onChange: (e) => setValue(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Note (facultatif)" nativeInputProps={{ value: note, maxLength: 2000, onChange: (e) => setNote(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: "flex-end" }}>
          <Button type="submit" disabled={busy}>
            Enregistrer
          </Button>
        </div>
      </form>
    </details>
  );
}

type Party = ConventionDetail["parties"][number];

/** Per party: signed in Tandem (who, when, how), or awaiting its signature; the file's dates are only information. */
function PartySignature({ party }: { party: Party }) {
  if (!party.signatory) return <span>Succède à une partie : reprend sa signature</span>;
  const s = party.signature;
  const fileDates = party.fileSignatories.filter((f) => f.signedOn);
  return (
    <span>
      {s ? (
        <>
          <Badge severity="success" small noIcon>
            {s.mode === "in_app" ? "Signée dans Tandem" : "Copie signée enregistrée"}
          </Badge>
          <br />
          {s.name} ({s.title}), le {frenchDate(s.signedOn)}
          <br />
          <small>
            {s.mode === "in_app" ? "Signature enregistrée" : "Copie signée (scan) enregistrée"} par {s.recordedBy ?? "Tandem (reprise des copies signées)"} le{" "}
            {frenchDate(s.recordedAt)}
          </small>
        </>
      ) : (
        <Badge severity="warning" small noIcon>
          En attente de signature
        </Badge>
      )}
      {!s &&
        fileDates.map((f) => (
          <small key={`${f.name}-${f.signedOn}`} className="fr-text-mention--grey" style={{ display: "block" }}>
            {f.name} : date de signature indiquée dans le fichier, {frenchDate(f.signedOn)}
          </small>
        ))}
    </span>
  );
}

type Amendment = ConventionDetail["amendments"][number];

/** Per amendment: signed by every party (it applies), or who has signed and who is awaited. */
function AmendmentSignatures({ amendment }: { amendment: Amendment }) {
  return (
    <span>
      {amendment.status === "signed" ? (
        <Badge severity="success" small noIcon>
          Signé par toutes les parties le {frenchDate(amendment.signedOn)}
        </Badge>
      ) : (
        <Badge severity="warning" small noIcon>
          En attente de signature
        </Badge>
      )}
      {amendment.parties.map((p) => (
        <small key={p.code} style={{ display: "block" }}>
          {p.name} :{" "}
          {p.signature
            ? `${p.signature.name} (${p.signature.title}), le ${frenchDate(p.signature.signedOn)}${p.signature.mode === "scanned_copy" ? ", copie signée (scan)" : ", signé dans Tandem"}`
            : "en attente de signature"}
        </small>
      ))}
      {amendment.statedSignedOn && amendment.status === "pending" && (
        <small className="fr-text-mention--grey" style={{ display: "block" }}>
          Date indiquée sur l'avenant : {frenchDate(amendment.statedSignedOn)} (ne vaut pas signature)
        </small>
      )}
    </span>
  );
}

/**
 * A party signs for itself ("Signer au nom de …", "Signer l'avenant « … » au nom de …"); the
 * platform admin records a party's scanned signed copy. The server offers each form (abilities in
 * the detail) and decides again on submit.
 */
function SignatureForm({
  conventionId,
  amendment,
  parties,
  mode,
  onDone,
}: {
  conventionId: string;
  amendment?: Amendment;
  parties: { code: string; name: string }[];
  mode: "in_app" | "scanned_copy";
  onDone: (m: string) => void;
}) {
  const [organisation, setOrganisation] = useState(parties[0]?.code ?? "");
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [signedOn, setSignedOn] = useState(parisToday());
  const { error, busy, submit } = useSubmit(onDone);
  const party = parties.find((p) => p.code === organisation);
  const what = amendment ? `l'avenant « ${amendment.number} »` : null;
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const url = amendment ? `/api/conventions/${conventionId}/amendments/${amendment.id}/signatures` : `/api/conventions/${conventionId}/signatures`;
      await api.post(url, OkSchema, { organisation, name, title, signedOn, mode });
      setName("");
      setTitle("");
      const partyName = party?.name ?? organisation;
      if (mode === "scanned_copy") return what ? `Copie signée de ${what} par ${partyName} enregistrée.` : `Copie signée de ${partyName} enregistrée.`;
      return what ? `Signature de ${what} par ${name} au nom de ${partyName} enregistrée.` : `Signature de ${name} au nom de ${partyName} enregistrée.`;
    });
  };
  const dateError = fieldError(error, (path) => path === "signedOn");
  const summary =
    mode === "in_app"
      ? what
        ? `Signer ${what} au nom de ${parties[0]?.name}`
        : `Signer au nom de ${parties[0]?.name}`
      : what
        ? `Enregistrer une signature de ${what} sur copie signée (scan)`
        : "Enregistrer une signature sur copie signée (scan)";
  return (
    <details className="fr-mb-2w">
      <summary>{summary}</summary>
      {mode === "scanned_copy" && (
        <p className="fr-text--sm fr-mt-1w">
          Réservé à l'administration de la plateforme, sur la copie signée transmise par la partie : l'enregistrement est tracé comme tel.
        </p>
      )}
      <FormError error={error} shownNextToFields={(path) => path === "signedOn"} />
      <form onSubmit={send} className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
        {mode === "scanned_copy" && (
          <div className="fr-col-12 fr-col-md-3">
            <Select label="Partie" nativeSelectProps={{ value: organisation, onChange: (e) => setOrganisation(e.target.value) }}>
              {parties.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-3">
          <Input label="Signataire" nativeInputProps={{ required: true, maxLength: 200, value: name, onChange: (e) => setName(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Input label="Qualité" nativeInputProps={{ required: true, maxLength: 200, value: title, onChange: (e) => setTitle(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Input
            label="Date de signature"
            state={dateError ? "error" : "default"}
            stateRelatedMessage={dateError}
            nativeInputProps={{ type: "date", required: true, max: parisToday(), value: signedOn, onChange: (e) => setSignedOn(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: "flex-end" }}>
          <Button type="submit" disabled={busy}>
            {mode === "in_app" ? "Signer" : "Enregistrer la copie signée"}
          </Button>
        </div>
      </form>
    </details>
  );
}

/** A payment, with the amount still due; the server checks it against what is due and the convention's dates, and says why next to the field. */
function PaymentForm({ conventionId, finance, onDone }: { conventionId: string; finance: Finance; onDone: (m: string) => void }) {
  const [paidOn, setPaidOn] = useState(parisToday());
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const { error, busy, submit } = useSubmit(onDone);
  const send = (e: FormEvent) => {
    e.preventDefault();
    const normalized = amount.replace(/\s/g, "").replace(",", ".");
    void submit(async () => {
      await api.post(`/api/conventions/${conventionId}/payments`, OkSchema, { paidOn, amount: normalized, ...(note.trim() ? { note: note.trim() } : {}) });
      setAmount("");
      setNote("");
      return "Versement enregistré.";
    });
  };
  const shown = (path: string) => path === "paidOn" || path === "amount";
  const dateError = fieldError(error, (path) => path === "paidOn");
  const amountError = fieldError(error, (path) => path === "amount");
  const period = finance.paymentPeriod;
  return (
    <details className="fr-mb-2w">
      <summary>Enregistrer un versement (reste dû : {finance.outstanding})</summary>
      <FormError error={error} shownNextToFields={shown} />
      <form onSubmit={send} className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Date du versement"
            hintText={period ? `Du ${frenchDate(period.from)} au ${frenchDate(period.until < parisToday() ? period.until : parisToday())}` : undefined}
            state={dateError ? "error" : "default"}
            stateRelatedMessage={dateError}
            nativeInputProps={{ type: "date", required: true, value: paidOn, onChange: (e) => setPaidOn(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Montant (€)"
            hintText={`Reste dû : ${finance.outstanding}. Ex. 16650,40`}
            state={amountError ? "error" : "default"}
            stateRelatedMessage={amountError}
            nativeInputProps={{ inputMode: "decimal", required: true, value: amount, onChange: (e) => setAmount(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Note (facultatif)" nativeInputProps={{ value: note, maxLength: 2000, onChange: (e) => setNote(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: "flex-end" }}>
          <Button type="submit" disabled={busy}>
            Enregistrer
          </Button>
        </div>
      </form>
    </details>
  );
}

/**
 * A party proposes an amendment: it changes nothing until every party has signed it in Tandem.
 * The proposer may sign it for their own party at once (the party the server says they sign for).
 */
function AmendmentForm({ conventionId, signsFor, onDone }: { conventionId: string; signsFor: ConventionDetail["signsFor"]; onDone: (m: string) => void }) {
  const [number, setNumber] = useState("");
  const [effectiveOn, setEffectiveOn] = useState("");
  const [summary, setSummary] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [sign, setSign] = useState(false);
  const [signatory, setSignatory] = useState("");
  const [title, setTitle] = useState("");
  const [signedOn, setSignedOn] = useState(parisToday());
  const { error, busy, submit } = useSubmit(onDone);
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const signing = sign && signsFor;
      await api.post(`/api/conventions/${conventionId}/amendments`, OkSchema, {
        number: number.trim(),
        effectiveOn,
        summary: summary.trim(),
        changes: endsOn ? { period: { endsOn } } : {},
        ...(signing ? { signature: { name: signatory.trim(), title: title.trim(), signedOn } } : {}),
      });
      setNumber("");
      setEffectiveOn("");
      setSummary("");
      setEndsOn("");
      setSign(false);
      return signing
        ? `Avenant « ${number.trim()} » proposé et signé au nom de ${signsFor.name} : il s'appliquera une fois signé par les autres parties.`
        : `Avenant « ${number.trim()} » proposé : il s'appliquera une fois signé par chaque partie.`;
    });
  };
  const isTerms = (path: string) => path.startsWith("changes");
  const shown = (path: string) => path === "number" || path === "effectiveOn" || isTerms(path) || path === "signature.signedOn";
  const numberError = fieldError(error, (path) => path === "number");
  const effectiveError = fieldError(error, (path) => path === "effectiveOn");
  const termsError = fieldError(error, isTerms);
  const signedOnError = fieldError(error, (path) => path === "signature.signedOn");
  return (
    <>
      <h3 className="fr-h6 fr-mt-3w">Proposer un avenant</h3>
      <p className="fr-text--sm">L'avenant ne modifie la convention qu'une fois signé dans Tandem par chacune des parties.</p>
      <FormError error={error} shownNextToFields={shown} />
      <form onSubmit={send} className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Numéro de l'avenant"
            state={numberError ? "error" : "default"}
            stateRelatedMessage={numberError}
            nativeInputProps={{ required: true, maxLength: 60, value: number, onChange: (e) => setNumber(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Prend effet le"
            state={effectiveError ? "error" : "default"}
            stateRelatedMessage={effectiveError}
            nativeInputProps={{ type: "date", required: true, value: effectiveOn, onChange: (e) => setEffectiveOn(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Nouvelle date de fin"
            hintText="Facultatif : si l'avenant prolonge ou raccourcit la convention"
            state={termsError ? "error" : "default"}
            stateRelatedMessage={termsError}
            nativeInputProps={{ type: "date", value: endsOn, onChange: (e) => setEndsOn(e.target.value) }}
          />
        </div>
        <div className="fr-col-12">
          <Input label="Objet de l'avenant" textArea nativeTextAreaProps={{ required: true, maxLength: 2000, value: summary, onChange: (e) => setSummary(e.target.value) }} />
        </div>
        {signsFor && (
          <div className="fr-col-12">
            <Checkbox
              options={[
                {
                  label: `Signer aussi l'avenant au nom de ${signsFor.name}`,
                  hintText: "Les autres parties le signeront ensuite, chacune pour elle-même.",
                  nativeInputProps: { checked: sign, onChange: (e) => setSign(e.target.checked) },
                },
              ]}
            />
          </div>
        )}
        {signsFor && sign && (
          <>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Signataire" nativeInputProps={{ required: true, maxLength: 200, value: signatory, onChange: (e) => setSignatory(e.target.value) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Qualité" nativeInputProps={{ required: true, maxLength: 200, value: title, onChange: (e) => setTitle(e.target.value) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input
                label="Date de signature"
                state={signedOnError ? "error" : "default"}
                stateRelatedMessage={signedOnError}
                nativeInputProps={{ type: "date", required: true, max: parisToday(), value: signedOn, onChange: (e) => setSignedOn(e.target.value) }}
              />
            </div>
          </>
        )}
        <div className="fr-col-12">
          <Button type="submit" disabled={busy}>
            Proposer l'avenant
          </Button>
        </div>
      </form>
    </>
  );
}

const TerminationResponseSchema = z.object({ endsOn: z.string() });

function TerminationForm({ conventionId, onDone }: { conventionId: string; onDone: (m: string) => void }) {
  const [receivedOn, setReceivedOn] = useState("");
  const [reason, setReason] = useState<"notice" | "breach">("notice");
  const [note, setNote] = useState("");
  const { error, busy, submit } = useSubmit(onDone);
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const { endsOn } = await api.post(`/api/conventions/${conventionId}/termination`, TerminationResponseSchema, {
        receivedOn,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      return `Résiliation enregistrée : la convention prendra fin le ${frenchDate(endsOn)}.`;
    });
  };
  return (
    <>
      <p>La date de fin est calculée selon les règles de résiliation de la convention.</p>
      <ErrorAlert error={error} />
      <form onSubmit={send} className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Courrier reçu le" nativeInputProps={{ type: "date", required: true, value: receivedOn, onChange: (e) => setReceivedOn(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Motif" nativeSelectProps={{ value: reason, onChange: (e) => setReason(e.target.value as "notice" | "breach") }}>
            <option value="notice">Préavis</option>
            <option value="breach">Manquement d'une partie</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Note (facultatif)" nativeInputProps={{ value: note, maxLength: 2000, onChange: (e) => setNote(e.target.value) }} />
        </div>
        <div className="fr-col-12">
          <Button type="submit" disabled={busy}>
            Enregistrer la résiliation
          </Button>
        </div>
      </form>
    </>
  );
}
