/**
 * The lists France Travail sends to its partners, field by field, each with the article that
 * provides it (ADR 0030). Which convention provides which list is decided here too, from its terms.
 */
export const LIST_SOURCES = ["new_registrants", "rsa_monthly"] as const;
export type ListSource = (typeof LIST_SOURCES)[number];

export const LIST_FIELDS = [
  "ft_identifier",
  "last_name",
  "first_name",
  "birth_date",
  "address",
  "commune_insee",
  "registered_on",
  "movement",
  "movement_on",
  "removal_reason",
  "removal_months",
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export type FieldSpec = { field: ListField; label: string; required: boolean; source: string; headers: string[] };

const identifier: FieldSpec = {
  field: "ft_identifier",
  label: "Identifiant France Travail",
  required: true,
  source: "Clé de rapprochement des personnes (ADR 0030)",
  headers: ["identifiant", "identifiant france travail", "identifiant ft", "id ft", "identifiant pole emploi", "identifiant pe", "idnat", "numero identifiant", "identifiant demandeur"],
};
const lastName: FieldSpec = { field: "last_name", label: "Nom", required: true, source: "", headers: ["nom", "nom de famille", "nom d usage", "nom usage"] };
const firstName: FieldSpec = { field: "first_name", label: "Prénom", required: true, source: "", headers: ["prenom", "prenoms"] };
const commune: FieldSpec = {
  field: "commune_insee",
  label: "Code INSEE de la commune",
  required: true,
  source: "",
  headers: ["commune insee", "code insee", "insee", "code commune", "code insee commune", "commune"],
};

export const LIST_KINDS: Record<ListSource, { label: string; source: string; fields: FieldSpec[] }> = {
  new_registrants: {
    label: "Nouveaux inscrits du territoire",
    source: "003 (annexe) art. 4.1 et annexe 1",
    fields: [
      identifier,
      { ...lastName, source: "003 annexe 1 B — nom" },
      { ...firstName, source: "003 annexe 1 B — prénom" },
      { field: "address", label: "Adresse", required: true, source: "003 annexe 1 B — adresse", headers: ["adresse", "adresse postale", "adresse complete"] },
      { ...commune, source: "003 annexe 1 A — demandeurs d’emploi résidant sur le territoire" },
      {
        field: "registered_on",
        label: "Date d’inscription",
        required: true,
        source: "003 annexe 1 B — date d’inscription à Pôle emploi",
        headers: ["date d inscription", "date inscription", "inscrit le", "date d inscription a pole emploi", "date d inscription a france travail"],
      },
    ],
  },
  rsa_monthly: {
    label: "Liste mensuelle des bénéficiaires du RSA",
    source: "002 art. 4.1 b)",
    fields: [
      identifier,
      { ...lastName, source: "002 art. 4.1 b) — liste des demandeurs d’emploi bénéficiaires du RSA" },
      { ...firstName, source: "002 art. 4.1 b)" },
      { field: "birth_date", label: "Date de naissance", required: true, source: "002 art. 4.1 b) — identification de la personne", headers: ["date de naissance", "date naissance", "ne le", "naissance"] },
      { ...commune, source: "002 art. 4.1 b)" },
      {
        field: "movement",
        label: "Mouvement",
        required: true,
        source: "002 art. 4.1 b) — inscriptions, cessations d’inscription, radiations, liste globale",
        headers: ["mouvement", "type de mouvement", "type mouvement"],
      },
      { field: "movement_on", label: "Date du mouvement", required: true, source: "002 art. 4.1 b)", headers: ["date du mouvement", "date mouvement", "date d effet", "date"] },
      { field: "removal_reason", label: "Motif de radiation", required: false, source: "002 art. 4.1 b) — radiations prononcées", headers: ["motif", "motif de radiation", "motif radiation"] },
      {
        field: "removal_months",
        label: "Durée de radiation (mois)",
        required: false,
        source: "002 art. 4.1 b) — radiations prononcées",
        headers: ["duree", "duree de radiation", "duree radiation", "duree radiation mois", "duree en mois"],
      },
    ],
  },
};

/** « Date d'inscription », « DATE_INSCRIPTION », « date-d’inscription » meet: lower case, no accents, words only. */
export const foldHeader = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

export type Mapping = Partial<Record<ListField, string>>;

/**
 * The column of the header for each field: the saved mapping where its columns are all in this
 * header, else each field's known names (exact, then contained in a longer header).
 */
export function suggestMapping(source: ListSource, header: string[], saved: Mapping | null): Mapping {
  const fields = LIST_KINDS[source].fields;
  if (saved && Object.values(saved).every((h) => h && header.includes(h))) return saved;
  const folded = header.map(foldHeader);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const pass of ["exact", "contains"] as const) {
    for (const f of fields) {
      if (mapping[f.field]) continue;
      const i = folded.findIndex((h, k) => !taken.has(k) && f.headers.some((name) => (pass === "exact" ? h === name : h.startsWith(`${name} `) || h.endsWith(` ${name}`))));
      if (i >= 0) {
        mapping[f.field] = header[i];
        taken.add(i);
      }
    }
  }
  return mapping;
}

/** The required fields the mapping leaves without a column. */
export const unmappedRequired = (source: ListSource, mapping: Mapping): FieldSpec[] => LIST_KINDS[source].fields.filter((f) => f.required && !mapping[f.field]);

/** What a convention's terms say about the lists it makes France Travail send to the partner. */
export type ListProviderTerms = { kind: string; runsGlobalSupport: boolean; hasReceivedListRetention: boolean; partnerIsDepartement: boolean };

/**
 * Which lists a convention provides (ADR 0030): the new registrants by a data-exchange convention
 * that sets how long a received list is kept (003 art. 4.1 and 4.2); the monthly RSA list by a
 * global-support convention with a département, whose président receives it (002 art. 4.1 b).
 */
export function listsProvidedBy(t: ListProviderTerms): ListSource[] {
  const lists: ListSource[] = [];
  if (t.kind === "data_exchange" && t.hasReceivedListRetention) lists.push("new_registrants");
  if (t.runsGlobalSupport && t.partnerIsDepartement) lists.push("rsa_monthly");
  return lists;
}
