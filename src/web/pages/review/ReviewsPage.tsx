import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { CreateReviewRequestSchema, ReviewListSchema, ReviewOptionsSchema, type ReviewSchedule, ReviewScheduleSchema } from "../../../shared/contracts/review";
import { api } from "../../api";
import { CommandForm, DateInput, FormSelect, formText, useFieldError } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const todayInParis = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
type ReviewOptions = z.infer<typeof ReviewOptionsSchema>;
type CreateReview = z.infer<typeof CreateReviewRequestSchema>;

/** The agencies of the chosen convention, with the problem about them (none chosen) under the group. */
function AgencyChoice({ agencies }: { agencies: ReviewOptions["conventions"][number]["agencies"] }) {
  const message = useFieldError("agencyIds", "agencyIds");
  return (
    <Checkbox
      legend="Agences concernées (une revue peut regrouper plusieurs agences)"
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={agencies.map((a) => ({ label: a.name, nativeInputProps: { name: "agencyIds", value: a.id } }))}
    />
  );
}

/** Prepares a review: the contract is checked before sending; a date outside the convention's period or cadence is said under the date. */
function ScheduleReviewForm({ options }: { options: ReviewOptions }) {
  const navigate = useNavigate();
  const [conventionId, setConventionId] = useState("");
  const convention = options.conventions.find((c) => c.id === conventionId);
  return (
    <CommandForm<CreateReview>
      title="Préparer une revue"
      titleAs="h2"
      submitLabel="Préparer la revue"
      className="fr-col-12 fr-col-md-8"
      schema={CreateReviewRequestSchema}
      body={(data) => ({ conventionId: formText(data, "conventionId"), agencyIds: data.getAll("agencyIds").map(String), heldOn: formText(data, "heldOn") })}
      success="Revue préparée."
      onSubmit={async (body) => {
        const { id } = await api.post("/api/reviews", z.object({ id: z.string() }), body);
        navigate(`/revues/${id}`);
      }}
    >
      {/* The agencies offered follow the convention chosen. */}
      <div
        onChange={(e) => {
          const target = e.target;
          if (target instanceof HTMLSelectElement && target.name === "conventionId") setConventionId(target.value);
        }}
      >
        <FormSelect
          label="Convention"
          name="conventionId"
          placeholder="Choisir une convention"
          options={options.conventions.map((c) => ({ value: c.id, label: `${c.number} — ${c.title}` }))}
        />
      </div>
      {convention && <AgencyChoice key={convention.id} agencies={convention.agencies} />}
      <DateInput label="Date de la revue" name="heldOn" defaultValue={todayInParis()} />
    </CommandForm>
  );
}

type ScheduleItem = ReviewSchedule["items"][number];

/** « Prochaine revue bimestrielle due le 31/01/2027 », and whether it is already prepared. */
function nextReviewText(s: ScheduleItem): string {
  if (!s.next) return "Aucune autre revue due avant la fin de la convention.";
  const due = `Prochaine revue ${s.cadence} due le ${frenchDate(s.next.dueOn)}`;
  return s.next.state === "scheduled" && s.next.heldOn ? `${due} : programmée le ${frenchDate(s.next.heldOn)}.` : `${due}.`;
}

/**
 * The reviews due at each convention's cadence, per agency: the next one (prepared or not) and
 * those whose period went by with no review, flagged late.
 */
function ReviewScheduleTable({ items }: { items: ScheduleItem[] }) {
  return (
    <Table
      caption="Calendrier des revues"
      headers={["Convention", "Agence", "Prochaine revue", "En retard"]}
      data={items.map((s) => [
        s.conventionNumber,
        s.agencyName,
        nextReviewText(s),
        s.late.length === 0 ? (
          "—"
        ) : (
          <span key="late">
            <Badge small severity="error">
              En retard
            </Badge>{" "}
            {s.late.map((l) => `revue ${s.cadence} due le ${frenchDate(l.dueOn)} non tenue`).join(" ; ")}
          </span>
        ),
      ])}
    />
  );
}

/** The reviews I take part in, and the form to prepare the next one. */
export function ReviewsPage() {
  usePageTitle("Revues de portefeuille");
  const list = useApi(() => api.get("/api/reviews", ReviewListSchema), []);
  const options = useApi(() => api.get("/api/reviews/options", ReviewOptionsSchema), []);
  const schedule = useApi(() => api.get("/api/reviews/schedule", ReviewScheduleSchema), []);
  const deleted = (useLocation().state as { deleted?: boolean } | null)?.deleted === true;

  return (
    <>
      <h1>Revues de portefeuille</h1>
      <p>
        La revue de portefeuille valide les entrées, renouvellements et sorties de l’accompagnement global, à la fréquence que fixe chaque convention ; son ordre du jour se
        construit à partir des accompagnements.
      </p>
      {/* The DSFR success alert is itself a status region: read out when it appears. */}
      {deleted && <Alert small severity="success" className="fr-mb-3w" description="La revue a été supprimée." />}
      <ErrorAlert error={list.error ?? options.error ?? schedule.error} />
      {schedule.data && schedule.data.items.length > 0 && <ReviewScheduleTable items={schedule.data.items} />}
      {!list.data && !list.error && <LoadingState />}
      {list.data?.items.length === 0 && (
        <EmptyState title="Aucune revue pour l’instant" description="Préparez la première revue de portefeuille avec le formulaire ci-dessous." />
      )}
      {list.data && list.data.items.length > 0 && (
        <Table
          caption="Mes revues"
          headers={["Date", "Convention", "Agences", "État", "Décisions"]}
          data={list.data.items.map((r) => [
            <Link key={r.id} to={`/revues/${r.id}`}>
              Revue du {frenchDate(r.heldOn)}
            </Link>,
            r.conventionNumber,
            r.agencies.join(", "),
            <Badge key="s" small severity={r.status === "open" ? "new" : "success"}>
              {r.status === "open" ? "Ouverte" : "Close"}
              {r.version > 1 ? ` (version ${r.version})` : ""}
            </Badge>,
            `${r.decided} / ${r.items}`,
          ])}
        />
      )}

      <section className="fr-mt-6w">
        {options.data && options.data.conventions.length === 0 && <p>Aucune convention en vigueur ne vous fait participer à une revue.</p>}
        {options.data && options.data.conventions.length > 0 && <ScheduleReviewForm options={options.data} />}
      </section>
    </>
  );
}
