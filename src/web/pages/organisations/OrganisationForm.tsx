import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useCallback, useState } from "react";
import {
  type OrganisationDetail,
  OrganisationDetailSchema as OrganisationDetailResponse,
  OrganisationInputSchema,
  OrganisationPageSchema,
  ReferentialResultSchema,
  type TerritoryInput,
} from "../../../shared/contracts/organisations";
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS, type OrganisationKind } from "../../../shared/roles";
import { api, queryString } from "../../api";
import { CommandForm, FormInput, FormSelect, formText, optionalText, useFieldError } from "../../components/CommandForm";
import { useApi } from "../../useApi";
import { type PickedEntry, ReferentialPicker } from "./ReferentialPicker";

type TerritoryKind = TerritoryInput["kind"];
export const KIND_OPTIONS = ORGANISATION_KINDS.filter((k) => k !== "platform").map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }));
const FRANCE_TRAVAIL_KINDS: readonly OrganisationKind[] = ["ft_region", "ft_direction", "ft_agency"];

/**
 * The organisation form of the platform admin, to create or edit: kind, identifiers (those of its
 * kind), parent, territory chosen from the official referential (a département from its list, an
 * EPCI or communes searched by name), contacts. Checked by the shared contract before sending; the
 * server's refusals (unknown code, SIRET already used…) show next to their field.
 */
export function OrganisationForm(props: { organisation?: OrganisationDetail; onSaved: (saved: OrganisationDetail) => void }) {
  const o = props.organisation;
  const [kind, setKind] = useState<OrganisationKind | "">(o?.kind ?? "");
  const [territoryKind, setTerritoryKind] = useState<TerritoryKind>(o ? "unchanged" : "departement");
  const [epci, setEpci] = useState<PickedEntry[]>([]);
  const [communes, setCommunes] = useState<PickedEntry[]>([]);
  const [parent, setParent] = useState<PickedEntry[]>(o?.parent ? [{ code: o.parent.id, name: o.parent.name }] : []);
  const departements = useApi(() => api.get("/api/referentiel/departements", ReferentialResultSchema), []);
  const searchOrganisations = useCallback(
    async (q: string) =>
      (await api.get(`/api/organisations${queryString({ q, pageSize: 20 })}`, OrganisationPageSchema)).items
        .filter((x) => x.id !== o?.id)
        .map((x) => ({ code: x.id, name: x.name, detail: ORGANISATION_KIND_LABELS[x.kind] })),
    [o?.id],
  );

  const territory = (d: FormData): TerritoryInput => {
    switch (territoryKind) {
      case "departement":
        return { kind: "departement", code: formText(d, "territoryDepartement") };
      case "epci":
        return { kind: "epci", siren: epci[0]?.code ?? "" };
      case "communes":
        return { kind: "communes", communes: communes.map((c) => c.code) };
      default:
        return { kind: territoryKind } as TerritoryInput;
    }
  };

  const territoryChoices: { value: TerritoryKind; label: string; hint?: string }[] = [
    ...(o ? [{ value: "unchanged" as const, label: `Garder le territoire actuel : ${o.territory.label}` }] : []),
    { value: "departement", label: "Un département" },
    { value: "epci", label: "Une intercommunalité (EPCI)", hint: "Ses communes membres, selon le référentiel officiel." },
    { value: "communes", label: "Des communes", hint: "Par exemple le bassin d’une agence France Travail." },
    { value: "none", label: "Aucun territoire" },
  ];

  return (
    <CommandForm
      title={o ? "Modifier l’organisation" : "Fiche de l’organisation"}
      titleAs="h2"
      className="fr-col-12 fr-col-md-10 fr-col-lg-8 fr-mb-4w"
      submitLabel={o ? "Enregistrer les modifications" : "Créer l’organisation"}
      schema={OrganisationInputSchema}
      body={(d) => ({
        name: formText(d, "name"),
        kind: formText(d, "kind"),
        code: optionalText(d, "code") ?? (o ? o.code : undefined),
        siren: optionalText(d, "siren") ?? null,
        siret: optionalText(d, "siret") ?? null,
        inseeCode: optionalText(d, "inseeCode") ?? null,
        departementCode: optionalText(d, "departementCode") ?? null,
        ftAgencyCode: optionalText(d, "ftAgencyCode") ?? null,
        parentId: parent[0]?.code ?? null,
        territory: territory(d),
        postalAddress: optionalText(d, "postalAddress") ?? null,
        contactEmail: optionalText(d, "contactEmail") ?? null,
        dpoName: optionalText(d, "dpoName") ?? null,
        dpoEmail: optionalText(d, "dpoEmail") ?? null,
        securityEmail: optionalText(d, "securityEmail") ?? null,
      })}
      onSubmit={async (body) => {
        const saved = o
          ? await api.put(`/api/organisations/${o.id}`, OrganisationDetailResponse, body)
          : await api.post("/api/organisations", OrganisationDetailResponse, body);
        props.onSaved(saved);
      }}
      success={o ? "Modifications enregistrées." : "Organisation créée."}
    >
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h6">Identité</legend>
        <div className="fr-fieldset__element">
          <FormInput label="Nom" name="name" required defaultValue={o?.name} inputProps={{ autoComplete: "organization" }} />
        </div>
        <div className="fr-fieldset__element">
          <KindSelect value={kind} onChange={setKind} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="Code court (facultatif)" name="code" hint="Lettres minuscules, chiffres et tirets ; fait à partir du nom si vide." defaultValue={o?.code} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="SIREN (facultatif)" name="siren" hint="9 chiffres." defaultValue={o?.siren ?? undefined} inputProps={{ inputMode: "numeric" }} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="SIRET (facultatif)" name="siret" hint="14 chiffres, clé de contrôle vérifiée." defaultValue={o?.siret ?? undefined} inputProps={{ inputMode: "numeric" }} />
        </div>
        {(kind === "city" || kind === "ccas" || o?.inseeCode) && (
          <div className="fr-fieldset__element">
            <FormInput label="Code INSEE de la commune" name="inseeCode" hint="5 caractères, par exemple 48095 pour Mende." defaultValue={o?.inseeCode ?? undefined} />
          </div>
        )}
        {(kind === "departement" || o?.departementCode) && (
          <div className="fr-fieldset__element">
            <FormInput label="Code du département (facultatif)" name="departementCode" hint="Repris du territoire s’il est vide." defaultValue={o?.departementCode ?? undefined} />
          </div>
        )}
        {(kind === "ft_agency" || o?.ftAgencyCode) && (
          <div className="fr-fieldset__element">
            <FormInput label="Code d’agence France Travail" name="ftAgencyCode" hint="De 3 à 12 lettres ou chiffres." defaultValue={o?.ftAgencyCode ?? undefined} />
          </div>
        )}
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h6">Rattachement et territoire</legend>
        <div className="fr-fieldset__element">
          <ReferentialPicker
            label="Organisation parente (facultatif)"
            hint={FRANCE_TRAVAIL_KINDS.includes(kind as OrganisationKind) ? "Par exemple la direction territoriale d’une agence. Saisissez au moins 2 caractères." : undefined}
            searchUrl="/api/organisations"
            search={searchOrganisations}
            field="parentId"
            name="parentSearch"
            noun="l’organisation parente"
            value={parent}
            onChange={setParent}
          />
        </div>
        <div className="fr-fieldset__element">
          <TerritoryKindChoice choices={territoryChoices} value={territoryKind} onChange={setTerritoryKind} />
        </div>
        <div className="fr-fieldset__element">
          {territoryKind === "departement" && (
            <FormSelect
              label="Département"
              name="territoryDepartement"
              field="territory.code"
              required
              placeholder="Choisir un département"
              defaultValue={o?.territory.kind === "departement" ? (o.territory.code ?? "") : ""}
              options={(departements.data?.items ?? []).map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
            />
          )}
          {territoryKind === "epci" && (
            <ReferentialPicker
              label="Intercommunalité (EPCI)"
              hint="Nom ou SIREN ; saisissez au moins 2 caractères, puis choisissez dans la liste."
              searchUrl="/api/referentiel/epci"
              field="territory.siren"
              name="epciSearch"
              noun="l’EPCI"
              value={epci}
              onChange={setEpci}
            />
          )}
          {territoryKind === "communes" && (
            <ReferentialPicker
              label="Communes"
              hint="Nom, code INSEE ou code postal ; ajoutez autant de communes que nécessaire."
              searchUrl="/api/referentiel/communes"
              field="territory.communes"
              name="communeSearch"
              noun="la commune"
              multiple
              value={communes}
              onChange={setCommunes}
            />
          )}
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h6">Contacts (annexes de données)</legend>
        <div className="fr-fieldset__element">
          <FormInput label="Adresse postale (facultatif)" name="postalAddress" textArea defaultValue={o?.postalAddress ?? undefined} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="Courriel de contact (facultatif)" name="contactEmail" type="email" defaultValue={o?.contactEmail ?? undefined} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="Délégué à la protection des données : nom (facultatif)" name="dpoName" defaultValue={o?.dpoName ?? undefined} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="Délégué à la protection des données : courriel (facultatif)" name="dpoEmail" type="email" defaultValue={o?.dpoEmail ?? undefined} />
        </div>
        <div className="fr-fieldset__element">
          <FormInput label="Contact sécurité (violations de données) : courriel (facultatif)" name="securityEmail" type="email" defaultValue={o?.securityEmail ?? undefined} />
        </div>
      </fieldset>
    </CommandForm>
  );
}

function KindSelect({ value, onChange }: { value: OrganisationKind | ""; onChange: (k: OrganisationKind | "") => void }) {
  const message = useFieldError("kind", "kind");
  return (
    <div className={`fr-select-group${message ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor="organisation-kind">
        Type d’organisation
      </label>
      <select
        className={`fr-select${message ? " fr-select--error" : ""}`}
        id="organisation-kind"
        name="kind"
        required
        value={value}
        aria-describedby={message ? "organisation-kind-error" : undefined}
        onChange={(e) => onChange(e.target.value as OrganisationKind | "")}
      >
        <option value="">Choisir un type</option>
        {KIND_OPTIONS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </select>
      {message && (
        <p id="organisation-kind-error" className="fr-error-text">
          {message}
        </p>
      )}
    </div>
  );
}

function TerritoryKindChoice(props: { choices: { value: TerritoryKind; label: string; hint?: string }[]; value: TerritoryKind; onChange: (k: TerritoryKind) => void }) {
  const message = useFieldError("territory.kind", "territoryKind");
  return (
    <RadioButtons
      legend="Territoire, choisi dans le référentiel officiel"
      name="territoryKind"
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={props.choices.map((c) => ({
        label: c.label,
        hintText: c.hint,
        nativeInputProps: { value: c.value, checked: props.value === c.value, onChange: () => props.onChange(c.value) },
      }))}
    />
  );
}
