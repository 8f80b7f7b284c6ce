import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useEffect, useState } from "react";
import { AGENDA_REASON_LABELS } from "../../../domain/review/agenda";
import { AGENDA_REASONS, type Review, ReviewPageQuerySchema } from "../../../shared/contracts/review";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AgendaRow } from "./AgendaRow";

export type AgendaFilters = { q: string; decision: string; reason: string; pairWith: string; agency: string };
/** What the page asks the server: the filters, the page and its size (the server filters and pages). */
export type AgendaQuery = { filters: AgendaFilters; page: number; pageSize: number };
const noFilter: AgendaFilters = { q: "", decision: "", reason: "", pairWith: "", agency: "" };
const PAGE_SIZES = [10, 20, 50] as const;
export const firstAgendaPage: AgendaQuery = { filters: noFilter, page: 1, pageSize: 20 };

const NBSP = "\u00a0";
const SIDES = { advisor: "Conseillers France Travail", social_worker: "Travailleurs sociaux" } as const;

/**
 * The agenda a page at a time, in its order: the filters a meeting goes through it by (a member of
 * the pair, an agency, the people still without a decision, a reason, a name), one card per
 * person with the decision form, and the DSFR pagination. A decision saved reloads the page and the
 * counts; a page left empty by it (the last « sans décision » of the last page) moves back one.
 */
export function AgendaList({
  review,
  query,
  onQuery,
  loading,
  error,
  onSaved,
}: {
  review: Review;
  query: AgendaQuery;
  onQuery: (q: AgendaQuery) => void;
  loading: boolean;
  error: unknown;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<AgendaFilters>(query.filters);
  const [searchError, setSearchError] = useState<string | undefined>();
  const open = review.status === "open";
  const pageCount = Math.max(1, Math.ceil(review.total / query.pageSize));
  const filtered = Object.values(query.filters).some((v) => v !== "");
  const first = (review.page - 1) * review.pageSize + 1;
  const last = first + review.items.length - 1;

  useEffect(() => {
    if (!loading && review.total > 0 && review.items.length === 0 && query.page > pageCount) onQuery({ ...query, page: pageCount });
  }, [loading, review.total, review.items.length, query, pageCount, onQuery]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    // The shared contract says what a search may be, before anything is sent.
    const checked = ReviewPageQuerySchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== "")));
    const qIssue = checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === "q");
    setSearchError(qIssue?.message);
    if (qIssue) return;
    onQuery({ ...query, filters: draft, page: 1 });
  };
  const reset = () => {
    setDraft(noFilter);
    setSearchError(undefined);
    onQuery({ ...query, filters: noFilter, page: 1 });
  };
  const toPage = (page: number) => {
    onQuery({ ...query, page });
    document.getElementById("ordre-du-jour")?.scrollIntoView();
  };
  const select = (key: Exclude<keyof AgendaFilters, "q">, label: string, all: string, options: [string, string][], lg = 3) => (
    <div className={`fr-col-12 fr-col-sm-6 fr-col-lg-${lg}`}>
      <Select label={label} nativeSelectProps={{ name: key, value: draft[key], onChange: (e) => setDraft({ ...draft, [key]: e.target.value }) }}>
        <option value="">{all}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );

  return (
    <>
      <form onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label="Rechercher et filtrer l’ordre du jour" noValidate>
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
          <Input
            label="Nom, prénom ou identifiant"
            hintText="Sans accents ni majuscules nécessaires"
            state={searchError ? "error" : "default"}
            stateRelatedMessage={searchError}
            nativeInputProps={{ type: "search", name: "q", value: draft.q, onChange: (e) => setDraft({ ...draft, q: e.target.value }) }}
          />
        </div>
        {select("decision", "Décision", "Toutes", [
          ["undecided", "Sans décision"],
          ["decided", "Décidées"],
        ], 2)}
        {select("reason", "Motif", "Tous", AGENDA_REASONS.map((r) => [r, AGENDA_REASON_LABELS[r]]))}
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
          <Select label="Binôme" nativeSelectProps={{ name: "pairWith", value: draft.pairWith, onChange: (e) => setDraft({ ...draft, pairWith: e.target.value }) }}>
            <option value="">Tous</option>
            {(["advisor", "social_worker"] as const).map((side) => (
              <optgroup key={side} label={SIDES[side]}>
                {review.pairMembers
                  .filter((m) => m.side === side)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </div>
        {review.agencies.length > 1 && select("agency", "Agence", "Toutes", review.agencies.map((a) => [a.id, a.name]))}
        <div className="fr-col-12">
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <Button type="submit">Filtrer l’ordre du jour</Button>
            </li>
            {filtered && (
              <li>
                <Button type="button" priority="secondary" onClick={reset}>
                  Retirer les filtres
                </Button>
              </li>
            )}
          </ul>
        </div>
      </form>
      <ErrorAlert error={error} />
      {review.total === 0 ? (
        <EmptyState
          title={filtered ? "Aucune personne de l’ordre du jour ne correspond à ces critères" : "Aucune personne à l’ordre du jour"}
          description={filtered ? "Modifiez ou retirez des critères pour voir les autres personnes." : undefined}
        />
      ) : (
        <>
          <p className="fr-mb-2w" role="status">
            {filtered ? `${review.total}${NBSP}personne${review.total > 1 ? "s" : ""} sur ${review.counts.items} correspondent aux critères` : `${review.total}${NBSP}personne${review.total > 1 ? "s" : ""} à l’ordre du jour`}
            {review.items.length > 0 && review.total > review.items.length ? ` — ${first === last ? `n°${NBSP}${first}` : `${first} à ${last}`}` : ""}
          </p>
          <ol className="fr-raw-list" start={first} aria-busy={loading}>
            {review.items.map((item) => (
              <li key={item.caseId} className="fr-card fr-p-3w fr-mb-2w">
                <AgendaRow item={item} reviewId={review.id} version={review.version} open={open} onSaved={onSaved} />
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-mb-3w">
        {pageCount > 1 && (
          <div className="fr-col-12 fr-col-md">
            <Pagination
              count={pageCount}
              defaultPage={Math.min(query.page, pageCount)}
              showFirstLast
              getPageLinkProps={(p) => ({
                to: "#",
                onClick: (ev: { preventDefault: () => void }) => {
                  ev.preventDefault();
                  toPage(p);
                },
              })}
            />
          </div>
        )}
        {review.counts.items > PAGE_SIZES[0] && (
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Personnes par page"
              nativeSelectProps={{ value: String(query.pageSize), onChange: (e) => onQuery({ ...query, pageSize: Number(e.target.value), page: 1 }) }}
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
    </>
  );
}
