import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { ReferentialResultSchema } from "../../../shared/contracts/organisations";
import { api, queryString } from "../../api";
import { useFieldError } from "../../components/CommandForm";

export type PickedEntry = { code: string; name: string; detail?: string };

/**
 * Chooses entries of a list the server searches (communes or EPCI of the official referential,
 * organisations): never typed by hand — the text typed only searches, a result is chosen with its
 * button. One entry (`multiple` false) or several, shown above the search with a button to remove
 * each. The problem the form reports about `field` shows under it.
 */
export function ReferentialPicker(props: {
  label: string;
  hint?: string;
  /** Search URL without the query: `?q=` is added. */
  searchUrl: string;
  /** Maps a search answer to entries (default: the referential's own shape). */
  search?: (q: string) => Promise<PickedEntry[]>;
  field: string;
  name: string;
  multiple?: boolean;
  value: PickedEntry[];
  onChange: (value: PickedEntry[]) => void;
  /** Name of what is picked, in « Retirer … » / « Choisir … » buttons. */
  noun: string;
}) {
  const message = useFieldError(props.field, props.name);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickedEntry[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const listId = useId();
  const { searchUrl, search } = props;

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setResults(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      (search ? search(term) : api.get(`${searchUrl}${queryString({ q: term })}`, ReferentialResultSchema).then((r) => r.items))
        .then((items) => {
          if (cancelled) return;
          setResults(items);
          setFailure(null);
        })
        .catch(() => !cancelled && setFailure("La recherche n’a pas abouti. Réessayez."));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, searchUrl, search]);

  const choose = (entry: PickedEntry) => {
    if (props.multiple) {
      if (!props.value.some((v) => v.code === entry.code)) props.onChange([...props.value, entry]);
    } else props.onChange([entry]);
    setQ("");
    setResults(null);
  };
  // Enter in the search field chooses nothing and sends nothing: the form is sent by its own button.
  const stayHere = (e: KeyboardEvent) => e.key === "Enter" && e.preventDefault();
  const shown = (results ?? []).filter((r) => !props.value.some((v) => v.code === r.code));

  return (
    <div className="fr-mb-3w">
      {props.value.length > 0 && (
        <ul className="fr-tags-group fr-mb-1w" aria-label={`${props.label} : choix`}>
          {props.value.map((v) => (
            <li key={v.code}>
              <button
                type="button"
                className="fr-tag fr-tag--dismiss"
                aria-label={`Retirer ${props.noun} ${v.name}`}
                onClick={() => props.onChange(props.value.filter((x) => x.code !== v.code))}
              >
                {v.name}
                {v.detail ? ` — ${v.detail}` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Input
        label={props.label}
        hintText={props.hint ?? "Saisissez au moins 2 caractères, puis choisissez dans la liste."}
        state={message ? "error" : "default"}
        stateRelatedMessage={message}
        className="fr-mb-1w"
        nativeInputProps={{
          type: "search",
          name: props.name,
          value: q,
          autoComplete: "off",
          "aria-controls": listId,
          onChange: (e) => setQ(e.target.value),
          onKeyDown: stayHere,
        }}
      />
      <div id={listId} aria-live="polite">
        {failure && <p className="fr-error-text">{failure}</p>}
        {results && shown.length === 0 && <p className="fr-hint-text">Aucun résultat dans le référentiel pour « {q.trim()} ».</p>}
        {shown.length > 0 && (
          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline-sm fr-btns-group--icon-left">
            {shown.map((r) => (
              <li key={r.code}>
                <Button type="button" size="small" priority="tertiary" iconId="fr-icon-add-line" onClick={() => choose(r)} title={`Choisir ${props.noun} ${r.name}`}>
                  {r.name}
                  {r.detail ? ` — ${r.detail}` : ""}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
