import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { ReviewListSchema, ReviewOptionsSchema } from "../../../shared/contracts/review";
import { ApiError, api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

/** What the server says of the review's date (outside the convention's period or cadence, invalid), if anything. */
const heldOnMessage = (error: unknown) =>
  error instanceof ApiError
    ? (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues?.find((i) => i.path === "body.heldOn")?.message
    : undefined;

const todayInParis = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

/** The reviews I take part in, and the form to prepare the next one. */
export function ReviewsPage() {
  usePageTitle("Revues de portefeuille");
  const list = useApi(() => api.get("/api/reviews", ReviewListSchema), []);
  const options = useApi(() => api.get("/api/reviews/options", ReviewOptionsSchema), []);
  const [conventionId, setConventionId] = useState("");
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [heldOn, setHeldOn] = useState(todayInParis());
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const convention = options.data?.conventions.find((c) => c.id === conventionId);
  // A day outside the convention's period or cadence: the rule is shown under the date itself.
  const heldOnError = heldOnMessage(error);
  const heldOnInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { id } = await api.post("/api/reviews", z.object({ id: z.string() }), { conventionId, agencyIds, heldOn });
      navigate(`/revues/${id}`);
    } catch (err) {
      setError(err);
      if (heldOnMessage(err)) heldOnInput.current?.focus();
    }
  };

  return (
    <>
      <h1>Revues de portefeuille</h1>
      <p>La revue mensuelle valide les entrées, renouvellements et sorties de l'accompagnement global ; son ordre du jour se construit à partir des accompagnements.</p>
      <ErrorAlert error={list.error ?? options.error} />
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
        <h2>Préparer une revue</h2>
        {!heldOnError && <ErrorAlert error={error} />}
        {options.data && options.data.conventions.length === 0 && <p>Aucune convention en vigueur ne vous fait participer à une revue.</p>}
        {options.data && options.data.conventions.length > 0 && (
          <form onSubmit={submit} className="fr-col-12 fr-col-md-8">
            <Select
              label="Convention"
              nativeSelectProps={{
                value: conventionId,
                onChange: (e) => {
                  setConventionId(e.target.value);
                  setAgencyIds([]);
                },
              }}
            >
              <option value="">Choisir une convention</option>
              {options.data.conventions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.number} — {c.title}
                </option>
              ))}
            </Select>
            {convention && (
              <Checkbox
                legend="Agences concernées (une revue peut regrouper plusieurs agences)"
                options={convention.agencies.map((a) => ({
                  label: a.name,
                  nativeInputProps: {
                    checked: agencyIds.includes(a.id),
                    onChange: (e) => setAgencyIds(e.target.checked ? [...agencyIds, a.id] : agencyIds.filter((x) => x !== a.id)),
                  },
                }))}
              />
            )}
            <Input
              label="Date de la revue"
              state={heldOnError ? "error" : "default"}
              stateRelatedMessage={heldOnError}
              nativeInputProps={{ ref: heldOnInput, type: "date", value: heldOn, onChange: (e) => setHeldOn(e.target.value) }}
            />
            <Button type="submit" disabled={!conventionId || agencyIds.length === 0}>
              Préparer la revue
            </Button>
          </form>
        )}
      </section>
    </>
  );
}
