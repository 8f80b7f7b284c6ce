import "../zodFrench.js";
import { z } from "zod";
import { INDICATOR_KEYS } from "../../domain/indicators/definitions.js";

/**
 * A convention written as data: the one schema behind the YAML files in conventions/, the
 * import API, the published JSON Schema (GET /api/conventions/schema.json) and the web forms.
 * Strict objects everywhere: an unknown parameter is an error, not something silently ignored.
 * Every section says where its values come from (`source`: seed file and article).
 */
const date = z.iso.date({ error: "Date attendue au format AAAA-MM-JJ." });
const source = z.string().min(1, "Indiquez la source (fichier et article de la convention).");
const months = z.number().int().min(0, "Un délai ne peut pas être négatif.");
const positiveMonths = z.number().int().min(1, "Une durée doit être d’au moins 1 mois.");

/**
 * A delay as the convention writes it: a value and its unit (« 2 mois » is { value: 2, unit: months },
 * « 36 heures » { value: 36, unit: hours }). Never converted: "1 month" is not 30 days (ADR 0006).
 */
export const DELAY_UNITS = ["hours", "days", "weeks", "months", "years"] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const DELAY_UNIT_LABELS: Record<DelayUnit, string> = { hours: "heures", days: "jours", weeks: "semaines", months: "mois", years: "ans" };
const CALENDAR_UNITS = ["days", "weeks", "months", "years"] as const;
const unitsText = (units: readonly DelayUnit[]) => units.map((u) => `${u} (${DELAY_UNIT_LABELS[u]})`).join(", ");
const delayOf = <const U extends readonly [DelayUnit, ...DelayUnit[]]>(units: U) =>
  z
    .strictObject({
      value: z
        .number({ error: "Valeur du délai attendue : un nombre entier." })
        .int("Valeur du délai attendue : un nombre entier.")
        .min(0, "Un délai ne peut pas être négatif."),
      unit: z.enum(units, {
        error: (issue) =>
          issue.input === undefined
            ? `Indiquez l’unité du délai : ${unitsText(units)}.`
            : `Unité de délai inconnue : « ${String(issue.input)} ». Unités permises ici : ${unitsText(units)}.`,
      }),
    })
    .meta({ description: `Un délai comme le dit la convention : une valeur et son unité (${unitsText(units)}).` });
/** A delay counted on the calendar (days, weeks, months, years): it gives a date. */
export const CalendarDelaySchema = delayOf(CALENDAR_UNITS);
/** A delay that may also be counted in hours (a breach notice): in hours it gives a date-time. */
export const DelaySchema = delayOf(DELAY_UNITS);
export type CalendarDelay = z.infer<typeof CalendarDelaySchema>;
export type Delay = z.infer<typeof DelaySchema>;
/** A data clause's delay with the article it comes from (the section's source when absent). */
const SourcedCalendarDelay = CalendarDelaySchema.extend({ source: source.optional() });
const SourcedDelay = DelaySchema.extend({ source: source.optional() });
const money = z.string().regex(/^\d+(\.\d{1,2})?$/, "Montant attendu en euros, avec un point décimal (ex. 41626.00).");
const decimal = z.string().regex(/^\d+(\.\d{1,4})?$/, "Nombre décimal attendu avec un point (ex. 0.80).");
const orgCode = z.string().regex(/^[a-z0-9-]+$/, "Code d’organisation attendu (minuscules, chiffres, tirets).");

export const CONVENTION_KINDS = ["partnership", "cooperation", "coordination", "data_exchange"] as const;
export const CONVENTION_KIND_LABELS: Record<(typeof CONVENTION_KINDS)[number], string> = {
  partnership: "Partenariat",
  cooperation: "Coopération",
  coordination: "Coordination",
  data_exchange: "Échange de données",
};
/** The measures Tandem computes from its own data (`computedFrom` of a commitment). */
export const COMPUTED_MEASURES = ["global_support_dedicated_advisors", "global_support_active_cases_per_advisor"] as const;
export type ComputedMeasure = (typeof COMPUTED_MEASURES)[number];

/**
 * How the yearly amount changes from one contractual year to the next, as the file writes it:
 * by a rate (each year's amount is the previous one's plus the rate, to the cent), by an index
 * (the amount × the index in force on the year's first day ÷ the reference value), or by an
 * amendment only (« actualisation annuelle » with no rate written: the parties sign the new amount).
 */
export const RevaluationSchema = z.union([
  z.strictObject({ rate: decimal.meta({ description: "Taux annuel, ex. 0.015 pour 1,5 %" }), source: source.optional() }),
  z.strictObject({
    index: z.strictObject({
      name: z.string().min(1),
      /** The index value the convention's amount corresponds to. */
      reference: decimal,
      /** The published values, each in force from its date. */
      values: z.array(z.strictObject({ from: date, value: decimal })).min(1),
    }),
    source: source.optional(),
  }),
  z.strictObject({ byAmendment: z.literal(true), source: source.optional() }),
]);
export type Revaluation = z.infer<typeof RevaluationSchema>;

export const PERIODS = ["month", "two_months", "quarter", "semester", "year", "convention"] as const;
export const PERIOD_LABELS: Record<(typeof PERIODS)[number], string> = {
  month: "par mois",
  two_months: "tous les deux mois",
  quarter: "par trimestre",
  semester: "par semestre",
  year: "par an",
  convention: "sur la durée de la convention",
};

const Person = z.strictObject({ name: z.string().min(1), title: z.string().min(1) });

export const PartySchema = z.strictObject({
  organisation: orgCode,
  side: z.enum(["france_travail", "partner"]),
  representative: Person.optional(),
  signatories: z.array(Person.extend({ signedOn: date.nullable().default(null), note: z.string().optional() })).default([]),
  /** From this date another organisation carries the party's rights and obligations. */
  succession: z.strictObject({ organisation: orgCode, name: z.string().min(1), from: date, source }).optional(),
});

/**
 * The convention's territory when its text narrows it (ADR 0027): a département, an EPCI by its
 * SIREN — its members at signature, or those and the communes that join it during the convention
 * (« ainsi qu’à toutes les communes qui rejoindraient… », 003 art. 6) — or a list of communes by
 * INSEE code. Absent: the union of its partner parties' territories. Codes are checked against the
 * official referential at import.
 */
export const TERRITORY_MEMBERS = ["at_signature", "at_signature_and_joining"] as const;
export const ConventionTerritorySchema = z
  .union([
    z.strictObject({ departement: z.string().regex(/^([0-9]{2}|2A|2B|97[0-9])$/, "Code de département attendu (ex. 15, 2A, 974)."), source }),
    z.strictObject({
      epci: z.string().regex(/^[0-9]{9}$/, "SIREN d’EPCI attendu : 9 chiffres."),
      members: z.enum(TERRITORY_MEMBERS, {
        error: "Communes de l’EPCI : at_signature (membres à la signature) ou at_signature_and_joining (et celles qui le rejoignent).",
      }),
      source,
    }),
    z.strictObject({
      communes: z.array(z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, "Code INSEE de commune attendu (5 caractères).")).min(1, "Indiquez au moins une commune."),
      source,
    }),
  ])
  .meta({
    description:
      "Le territoire de la convention quand son texte le restreint : un département, un EPCI (SIREN) avec ses communes membres à la signature ou aussi celles qui le rejoignent, ou une liste de communes (codes INSEE). Absent : l’union des territoires des parties partenaires.",
  });
export type ConventionTerritory = z.infer<typeof ConventionTerritorySchema>;

export const GlobalSupportTermsSchema = z.strictObject({
  initialMonths: positiveMonths,
  renewalsAllowed: z.number().int().min(0),
  monthsPerRenewal: months,
  maxTotalMonths: positiveMonths,
  /** Support starts within this delay of the orientation (« dans les 21 jours suivant l’orientation », 002 art. 2 e). */
  orientationToStart: CalendarDelaySchema,
  /** First social and professional appointments within this delay of the entry (« dans le mois », 002 art. 2 e). */
  entryToFirstAppointments: CalendarDelaySchema,
  maxSocialOnlyMonths: months,
  /**
   * Whether maxSocialOnlyMonths holds for each social-only episode (per_episode, the default) or for
   * all the episodes of one support together (in_total); see ADR 0024.
   */
  socialOnlyCap: z
    .enum(["per_episode", "in_total"], { error: "Plafond de l’accompagnement social exclusif : per_episode (par épisode) ou in_total (au total)." })
    .default("per_episode")
    .meta({ description: "Le plafond maxSocialOnlyMonths vaut pour chaque épisode d’accompagnement social exclusif (per_episode) ou pour tous ensemble (in_total)." }),
  /** A short job or training lasts less than this many months; null (or absent) when the convention sets no limit. */
  shortActivityUnderMonths: positiveMonths.nullable().default(null),
  targetActiveCasesPerAdvisor: z.number().int().min(1).nullable(),
  reviewCadenceMonths: positiveMonths,
  directEntryAllowed: z.boolean(),
  reviewSecretariat: z.enum(["alternate", "advisor", "social_worker"]).default("alternate"),
  /** Who receives the review's follow-up table: the case's pair, or the users holding some roles in a party. */
  reviewDistribution: z
    .array(
      z.union([
        z.strictObject({ label: z.string().min(1), pair: z.literal(true), source }),
        z.strictObject({ label: z.string().min(1), organisation: orgCode, roles: z.array(z.string().min(1)).min(1), source }),
      ]),
    )
    .default([]),
  sources: z.record(z.string(), source),
});

/** A fraction of a contract's length written as a decimal strictly between 0 and 1 (« à mi-parcours » is 0.5, « aux ¾ » 0.75). */
const contractFraction = z.string().regex(/^0\.\d{1,4}$/, "Fraction du contrat attendue : un décimal entre 0 et 1 avec un point (ex. 0.75 pour les ¾).");

/**
 * Parcours emploi compétences (000 art. 3.1 a): who employs, the company advisors France Travail
 * names, the tutor's conditions, the follow-up booklet's milestones, the work-experience certificate.
 */
export const PecTermsSchema = z.strictObject({
  /** The parties that post PEC offers as employers (the city and its CCAS in 000). */
  employers: z.array(orgCode).min(1, "Indiquez au moins un employeur (code d’organisation)."),
  /** « un conseiller entreprise nommément désigné … plus un second en cas d’absence du premier ». */
  companyAdvisors: z.strictObject({ named: z.number().int().min(1), backups: z.number().int().min(0), source }),
  /** R5134-38 as the convention quotes it: qualified volunteer employee, not on a subsidised contract. */
  tutor: z.strictObject({
    minYearsExperience: z.number().int().min(0),
    maxSubsidisedEmployees: z.number().int().min(1),
    source,
  }),
  booklet: z.strictObject({
    /** Each milestone after a delay from the contract's start (« au 1er mois ») or at a fraction of its length (« à mi-parcours », « aux ¾ »). */
    milestones: z
      .array(z.union([z.strictObject({ label: z.string().min(1), after: CalendarDelaySchema }), z.strictObject({ label: z.string().min(1), fraction: contractFraction })]))
      .min(1, "Indiquez au moins une échéance du livret de suivi."),
    /** Reminders to the employee and the tutor this long before and after a milestone's due date. */
    remindBefore: CalendarDelaySchema,
    remindAfter: CalendarDelaySchema,
    source,
  }),
  /** The work-experience certificate is delivered on request and at the latest this long before the contract ends. */
  certificate: z.strictObject({ latestBeforeEnd: CalendarDelaySchema, source }),
  source,
});
export type PecTerms = z.infer<typeof PecTermsSchema>;

export const IMMERSION_OBJECTS = ["discover", "confirm_project", "initiate_recruitment"] as const;
export type ImmersionObject = (typeof IMMERSION_OBJECTS)[number];
export const IMMERSION_OBJECT_LABELS: Record<ImmersionObject, string> = {
  discover: "Découvrir un métier ou un secteur d’activité",
  confirm_project: "Confirmer un projet professionnel",
  initiate_recruitment: "Initier une démarche de recrutement",
};
/** PMSMP immersions (000 art. 3.1 b): the hosting parties, the objects allowed, the assessment's delay after the end. */
export const ImmersionTermsSchema = z.strictObject({
  hosts: z.array(orgCode).min(1, "Indiquez au moins une structure d’accueil (code d’organisation)."),
  objects: z.array(z.enum(IMMERSION_OBJECTS)).min(1),
  /** The assessment is due this long after the immersion's last day. */
  assessmentWithin: CalendarDelaySchema,
  source,
});
export type ImmersionTerms = z.infer<typeof ImmersionTermsSchema>;

export const ConventionTermsSchema = z
  .strictObject({
    number: z.string().min(1).max(60),
    kind: z.enum(CONVENTION_KINDS),
    /** A data-exchange convention can be the annex of another (its number). */
    annexOf: z.string().nullable().default(null),
    title: z.string().min(1),
    object: z.string().min(1),
    axes: z.array(z.string()).default([]),
    legalReferences: z.array(z.string()).default([]),
    parties: z.array(PartySchema).min(2, "Une convention a au moins deux parties."),
    /** Whose residents its professionals may find; absent: the union of its partner parties' territories (ADR 0027). */
    territory: ConventionTerritorySchema.optional(),
    period: z.strictObject({
      /** A fixed date, or the day the last party signs. */
      effective: z.union([z.strictObject({ date }), z.strictObject({ rule: z.literal("last_signature") })]),
      endsOn: date,
      /** The convention, renewals included, lasts at most this long from its effective date (« 3 ans », 004 art. 9). */
      maxDuration: CalendarDelaySchema.nullable().default(null),
      source,
    }),
    termination: z.strictObject({
      notice: z.strictObject({
        /** The notice (préavis) before the date it counts back from; null when there is none. */
        delay: CalendarDelaySchema.nullable().default(null),
        /** The date the notice counts back from. */
        before: z.enum(["yearly_anniversary", "end", "none"]),
        /** Termination takes effect this long after the letter is received (when it is not tied to an anniversary). */
        effectiveAfterReceipt: CalendarDelaySchema.nullable().default(null),
        source,
      }),
      /**
       * Termination for a breach, when the convention provides for it; null (or absent) when the text
       * says nothing: no termination for a breach is then offered.
       */
      breach: z
        .strictObject({
          /** Termination for a breach takes effect this long after an unanswered formal notice; null: at once, the text sets no delay. */
          effectiveAfterFormalNotice: CalendarDelaySchema.nullable().default(null),
          /** A data annex: the exchange is suspended the day of the formal notice, and the convention ends automatically at the delay. */
          suspendDataExchangeAtOnce: z.boolean().default(false),
          source,
        })
        .nullable()
        .default(null),
      /** The parties may end the convention by mutual agreement on a date they choose; null when the text says nothing. */
      mutualAgreement: z.strictObject({ source }).nullable().default(null),
    }),
    governance: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z0-9_]+$/),
          name: z.string().min(1),
          minPerYear: z.number().int().min(0),
          requiredMonths: z.array(z.number().int().min(1).max(12)).default([]),
          secretariat: z.string().default("alternate"),
          members: z.array(z.string()).default([]),
          source,
        }),
      )
      .default([]),
    commitments: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z0-9_]+$/),
          owner: orgCode,
          description: z.string().min(1),
          measure: z.string().min(1),
          comparison: z.enum(["at_least", "at_most"]).default("at_least"),
          target: z.number().min(0),
          period: z.enum(PERIODS),
          /** Where Tandem computes the value itself; null: recorded by hand. An unknown measure is refused. */
          computedFrom: z
            .enum(COMPUTED_MEASURES, {
              error: (issue) => `Mesure calculée inconnue : « ${String(issue.input)} ». Mesures connues de Tandem : ${COMPUTED_MEASURES.join(", ")} (ou null pour une valeur saisie).`,
            })
            .nullable()
            .default(null),
          /**
           * The indicator that measures it (src/domain/indicators/definitions.ts, ADR 0033): the dashboard
           * sets its figure against the target for each period. An unknown key is refused.
           */
          indicator: z
            .enum(INDICATOR_KEYS, {
              error: (issue) => `Indicateur inconnu : « ${String(issue.input)} ». Indicateurs connus de Tandem : ${INDICATOR_KEYS.join(", ")}.`,
            })
            .optional(),
          source,
        }),
      )
      .default([]),
    finance: z
      .strictObject({
        yearlyAmountPerFte: money,
        fte: decimal,
        payer: orgCode,
        schedule: z
          .array(
            z.strictObject({
              label: z.string().min(1),
              /** A share of the year's amount ("0.50"), or the balance. */
              share: z.union([decimal, z.literal("balance")]),
              /** At signature, at the end, or on a statement (mémoire): due when the statement is recorded in Tandem. */
              due: z.enum(["signature", "end", "statement"]),
              /** Due on statement: paid within this delay of the statement's recording (null: on that day). */
              payableWithin: CalendarDelaySchema.nullable().default(null),
            }),
          )
          .min(1),
        earlyEndRefund: z.enum(["pro_rata", "none"]),
        /**
         * Payments are accepted up to this many months after the end (a balance paid on a
         * statement drawn up after the end); none after the end when the convention says nothing.
         */
        paymentWindow: CalendarDelaySchema.nullable().default(null),
        /** Revaluation of the yearly amount; null when the amount is fixed. */
        revaluation: RevaluationSchema.nullable().default(null),
        source,
      })
      .nullable()
      .default(null),
    programmes: z
      .strictObject({
        globalSupport: GlobalSupportTermsSchema.optional(),
        pec: PecTermsSchema.optional(),
        immersion: ImmersionTermsSchema.optional(),
      })
      .default({}),
    dataClauses: z
      .strictObject({
        /** Received lists are deleted this long after their receipt (003 annexe art. 4.2). */
        receivedListRetention: SourcedCalendarDelay.nullable().default(null),
        /** Personal data are destroyed at the latest this long after the end (000 art. 6, 003 annexe art. 7). */
        destructionAfterEnd: SourcedCalendarDelay.nullable().default(null),
        /** A data breach is reported to the other party within this delay of its discovery (« 36 heures », 003 annexe art. 7). */
        breachNotice: SourcedDelay.nullable().default(null),
        /** Requests of the persons concerned are answered within this delay (« un mois », 003 annexe art. 7). */
        rightsAnswer: SourcedCalendarDelay.nullable().default(null),
        processingLocation: z.string().nullable().default(null),
        source,
      })
      .nullable()
      .default(null),
    indicators: z
      .array(
        z.strictObject({
          /** An indicator Tandem defines (src/domain/indicators/definitions.ts, ADR 0033); an unknown key is refused. */
          key: z.enum(INDICATOR_KEYS, {
            error: (issue) => `Indicateur inconnu : « ${String(issue.input)} ». Indicateurs connus de Tandem : ${INDICATOR_KEYS.join(", ")}.`,
          }),
          name: z.string().min(1),
          frequency: z.enum(PERIODS),
          source,
        }),
      )
      .default([]),
    /** The partners' shared resource base (001 art. 2.1, 002 axe 1; ADR 0035). Absent: the convention says nothing of it. */
    directory: z
      .strictObject({
        /**
         * The day of each year the joint update of the base is due by (« MM-JJ », e.g. "06-30"), as the
         * convention writes it; null when it sets no day (« à minima une fois par an »): 31 December is used.
         */
        yearlyUpdateBy: z
          .string()
          .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "Jour de l’année attendu au format MM-JJ (ex. 06-30).")
          .refine((d) => {
            // Read in a leap year: 29 February exists (the last day of February in the other years).
            const t = Date.parse(`2024-${d}T00:00:00Z`);
            return !Number.isNaN(t) && new Date(t).toISOString().slice(5, 10) === d;
          }, "Ce jour n’existe pas dans l’année.")
          .nullable()
          .default(null),
        source,
      })
      .optional(),
  })
  .superRefine((t, ctx) => {
    if ("date" in t.period.effective && t.period.endsOn < t.period.effective.date) {
      ctx.addIssue({ code: "custom", path: ["period", "endsOn"], message: "La date de fin précède la date d’effet." });
    }
    const gs = t.programmes.globalSupport;
    if (t.termination.notice.before !== "none" && !t.termination.notice.delay) {
      ctx.addIssue({ code: "custom", path: ["termination", "notice", "delay"], message: "Indiquez le préavis (valeur et unité) : la résiliation est liée à une échéance." });
    }
    if (gs) {
      const longest = gs.initialMonths + gs.renewalsAllowed * gs.monthsPerRenewal;
      if (longest > gs.maxTotalMonths) {
        ctx.addIssue({
          code: "custom",
          path: ["programmes", "globalSupport", "monthsPerRenewal"],
          message: `Les renouvellements dépassent la durée maximale : ${gs.initialMonths} + ${gs.renewalsAllowed} × ${gs.monthsPerRenewal} mois > ${gs.maxTotalMonths} mois.`,
        });
      }
    }
    const codes = new Set<string>();
    t.parties.forEach((p, i) => {
      if (codes.has(p.organisation)) ctx.addIssue({ code: "custom", path: ["parties", i, "organisation"], message: "Cette partie figure deux fois." });
      codes.add(p.organisation);
    });
    t.commitments.forEach((c, i) => {
      if (!codes.has(c.owner)) ctx.addIssue({ code: "custom", path: ["commitments", i, "owner"], message: `Le porteur « ${c.owner} » n’est pas une partie de la convention.` });
    });
    if (t.finance && !codes.has(t.finance.payer)) {
      ctx.addIssue({ code: "custom", path: ["finance", "payer"], message: `Le payeur « ${t.finance.payer} » n’est pas une partie de la convention.` });
    }
    t.programmes.pec?.employers.forEach((e, i) => {
      if (!codes.has(e)) ctx.addIssue({ code: "custom", path: ["programmes", "pec", "employers", i], message: `L’employeur « ${e} » n’est pas une partie de la convention.` });
    });
    t.programmes.immersion?.hosts.forEach((h, i) => {
      if (!codes.has(h)) ctx.addIssue({ code: "custom", path: ["programmes", "immersion", "hosts", i], message: `La structure d’accueil « ${h} » n’est pas une partie de la convention.` });
    });
  });
export type ConventionTerms = z.infer<typeof ConventionTermsSchema>;
export type ConventionTermsInput = z.input<typeof ConventionTermsSchema>;

/**
 * An amendment (avenant): changes some terms from a date. `changes` is merged into the terms.
 * In a file, `signedOn` is information like the parties' signature dates (ADR 0008): an amendment
 * applies only once every party has signed it in Tandem.
 */
export const AmendmentSchema = z.strictObject({
  number: z.string().min(1),
  signedOn: date.nullable().default(null),
  effectiveOn: date,
  summary: z.string().min(1),
  changes: z.record(z.string(), z.unknown()),
});
export type Amendment = z.infer<typeof AmendmentSchema>;

/** The whole file: the terms as first signed, and the amendments since. */
export const ConventionFileSchema = z
  .strictObject({
    convention: ConventionTermsSchema,
    amendments: z.array(AmendmentSchema).default([]),
  })
  .meta({
    title: "Convention Tandem",
    description:
      "Une convention écrite comme données (ADR 0006). Chaque délai est une valeur et son unité, comme le dit la convention : { value: 2, unit: months }. Fichier généré du schéma zod : docs/convention.schema.json.",
  });
export type ConventionFile = z.infer<typeof ConventionFileSchema>;
