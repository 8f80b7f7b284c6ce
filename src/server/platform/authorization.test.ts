import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conventionsDir } from "../convention/demoConventions.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * Walks every API route with users of the wrong organisation and the wrong role, and expects
 * a refusal (or, for lists that are scoped to the caller, nothing of the other organisation).
 * A route missing from the table below fails the test: each new route must say how it is protected.
 */
type Ids = { basRhinOrg: string; basRhinUser: string; creuseOrg: string; basRhinConvention: string; basRhinAgency: string; basRhinReview: string; basRhinCase: string; basRhinPerson: string; basRhinNotification: string };
type Outcome =
  | { kind: "public" }
  /** Acts only on the caller's own session or account: nothing of another organisation to reach. */
  | { kind: "self" }
  /** Must answer 403 or 404 to a user of another organisation. */
  | { kind: "refused"; params?: (ids: Ids) => Record<string, string>; body?: unknown | ((ids: Ids) => unknown) }
  /** Answers 200 but only with the caller's organisation's data. */
  | { kind: "scoped"; query?: string };

const routeProtections: Record<string, Outcome> = {
  // Data-protection registers (ADR 0031): the intruder is a Creuse DPO; a Bas-Rhin person and convention, ids of nothing of theirs.
  "GET /api/privacy/register-options": { kind: "scoped" },
  "GET /api/privacy/people": { kind: "scoped", query: "?q=martin" },
  "GET /api/privacy/rights-requests": { kind: "scoped" },
  "POST /api/privacy/rights-requests": {
    kind: "refused",
    body: (i: Ids) => ({ jobSeekerId: i.basRhinPerson, kind: "access", channel: "letter", conventionId: i.basRhinConvention, receivedOn: "2026-01-15", request: "intrusion" }),
  },
  "GET /api/privacy/rights-requests/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }) },
  "POST /api/privacy/rights-requests/:id/start": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }) },
  "POST /api/privacy/rights-requests/:id/answer": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }), body: { answeredOn: "2026-01-15", answer: "intrusion" } },
  "POST /api/privacy/rights-requests/:id/refusal": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }), body: { answeredOn: "2026-01-15", reason: "intrusion" } },
  "GET /api/privacy/rights-requests/:id/access-answer.pdf": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }) },
  "POST /api/privacy/rights-requests/:id/limitation-lift": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000008" }), body: { liftedOn: "2026-01-15", reason: "intrusion" } },
  "GET /api/privacy/breaches": { kind: "scoped" },
  "POST /api/privacy/breaches": {
    kind: "refused",
    body: (i: Ids) => ({ kind: "breach", conventionId: i.basRhinConvention, discoveredOn: "2026-01-15", discoveredAt: "10:00", description: "x", dataConcerned: "x", peopleConcerned: "x" }),
  },
  "GET /api/privacy/breaches/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000009" }) },
  "POST /api/privacy/breaches/:id/notification": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000009" }) },
  "POST /api/privacy/breaches/:id/measures": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000009" }), body: { measures: "intrusion" } },
  // Retention (ADR 0032): the intruder's own organisation only; a hold on a Bas-Rhin person or convention is refused.
  "GET /api/privacy/purges": { kind: "scoped" },
  "GET /api/privacy/legal-holds/options": { kind: "scoped" },
  "POST /api/privacy/legal-holds": {
    kind: "refused",
    body: (i: Ids) => ({ scope: "convention", subjectId: i.basRhinConvention, reasonKind: "dispute", reason: "intrusion", startsOn: "2026-01-15", endsOn: "2099-01-15" }),
  },
  "GET /api/health": { kind: "public" },
  "GET /api/live": { kind: "public" },
  "GET /api/openapi.json": { kind: "public" },
  "GET /api/session": { kind: "public" },
  "POST /api/auth/login": { kind: "public" },
  "POST /api/invitations/accept": { kind: "public" },
  "POST /api/auth/logout": { kind: "self" },
  "POST /api/me/password": { kind: "self" },
  "GET /api/organisations/:id/users": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }) },
  "POST /api/organisations/:id/users": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinOrg }),
    body: { email: "intrus@exemple.fr", firstName: "In", lastName: "Trus", roles: ["advisor"] },
  },
  "PATCH /api/users/:id": { kind: "refused", params: (i) => ({ id: i.basRhinUser }), body: { active: false } },
  "GET /api/audit-events": { kind: "scoped" },
  "GET /api/audit-events/export.csv": { kind: "scoped" },
  /** Whole-chain integrity for any DPO: event numbers, dates and hashes, never an event's content. */
  "GET /api/audit-events/integrity": { kind: "scoped" },
  "GET /api/outbox": { kind: "refused" },
  /** The job queue (« Tâches de fond »): the platform admin only (ADR 0029). */
  "GET /api/background-jobs": { kind: "refused" },
  "POST /api/background-jobs/:queue/:id/retry": { kind: "refused", params: () => ({ queue: "daily-audit-retention", id: "00000000-0000-4000-8000-000000000029" }) },
  /** Organisations and the referential pickers: the platform admin only (ADR 0022). */
  "GET /api/organisations": { kind: "refused" },
  "POST /api/organisations": { kind: "refused", body: { name: "Intruse", kind: "city", territory: { kind: "none" } } },
  "POST /api/organisations/import": { kind: "refused", body: { csv: "nom;type\nIntruse;city" } },
  "GET /api/organisations/:id": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }) },
  "PUT /api/organisations/:id": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }), body: { name: "Intruse", kind: "city", territory: { kind: "none" } } },
  "GET /api/referentiel/communes": { kind: "refused" },
  "GET /api/referentiel/epci": { kind: "refused" },
  "GET /api/referentiel/departements": { kind: "refused" },
  /** Names and kinds of organisations (no contact, no person) for pickers: like the parties' names a convention shows; not organisation-scoped. */
  "GET /api/organisations/directory": { kind: "self" },
  "GET /api/conventions/schema.json": { kind: "public" },
  /** Public, but the secret token in the URL is the credential (tested in the convention tests). */
  "GET /api/calendar/:token.ics": { kind: "public" },
  "GET /api/conventions": { kind: "scoped" },
  "GET /api/calendar": { kind: "scoped" },
  /** Makes a new address for the caller's own feed (shown once, kept as a hash). */
  "POST /api/calendar/feed": { kind: "self" },
  "POST /api/conventions/import": {
    kind: "refused",
    // A valid file whose parties are all in Bas-Rhin: a Creuse user may not import it.
    body: {
      content: fs
        .readFileSync(path.join(conventionsDir, "bas-rhin-2021-accompagnement-global.yaml"), "utf8")
        .replace("number: BAS-RHIN-2021-AG", "number: INTRUS-2021"),
    },
  },
  "GET /api/conventions/:id": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/export.yaml": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  // Indicators (ADR 0033): the parties' steering users only.
  "GET /api/conventions/:id/indicators": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/indicators/export.xlsx": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/indicators/export.csv": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/indicators/report.pdf": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/indicators/fse-evidence.xlsx": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/conventions/:id/indicators/evaluation.xlsx": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "GET /api/indicators/territory": { kind: "refused" },
  "GET /api/conventions/:id/indicators/:key/cases": { kind: "refused", params: (i) => ({ id: i.basRhinConvention, key: "entrees" }) },
  "POST /api/conventions/:id/indicators/freeze": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: { period: "2023-T1" } },
  "POST /api/conventions/:id/amendments": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention }),
    body: { number: "A1", signedOn: "2021-06-01", effectiveOn: "2021-06-01", summary: "Intrusion", changes: {} },
  },
  "POST /api/conventions/:id/signatures": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention }),
    body: { organisation: "cd-bas-rhin", name: "X", title: "Y", signedOn: "2021-01-01" },
  },
  "POST /api/conventions/:id/amendments/:amendmentId/signatures": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention, amendmentId: "00000000-0000-4000-8000-000000000008" }),
    body: { organisation: "cd-bas-rhin", name: "X", title: "Y", signedOn: "2021-01-01" },
  },
  "POST /api/conventions/:id/termination": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: { receivedOn: "2021-03-01", reason: "notice" } },
  "POST /api/conventions/:id/successions": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention }),
    body: { predecessorOrganisationId: "00000000-0000-4000-8000-000000000001", successorOrganisationId: "00000000-0000-4000-8000-000000000002", from: "2021-01-01" },
  },
  "POST /api/conventions/:id/commitments/:key/values": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention, key: "portefeuille_actif" }),
    body: { recordedOn: "2021-03-01", value: 90 },
  },
  "POST /api/conventions/:id/payments": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: { paidOn: "2021-03-01", amount: "10.00" } },
  "POST /api/conventions/:id/statements": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: { instalment: "2021-01-01:1", recordedOn: "2021-03-01" } },
  "POST /api/conventions/:id/dedicated-advisors": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: { userId: "00000000-0000-4000-8000-000000000001" } },
  /** The convention's governance (ADR 0034): parties only; a meeting or an action of another convention is not found. */
  "GET /api/conventions/:id/governance": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }) },
  "POST /api/conventions/:id/governance/meetings": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention }),
    body: { bodyKey: "comite_pilotage", slotDueOn: "2025-06-30", heldOn: "2025-06-17", heldAt: "14:30", place: "intrusion" },
  },
  "GET /api/governance/meetings/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }) },
  "POST /api/governance/meetings/:id/agenda-items": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }), body: { text: "intrusion" } },
  "PUT /api/governance/meetings/:id/minutes": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }), body: { recordedOn: "2025-06-20", attendance: [], decisions: [] } },
  "POST /api/governance/meetings/:id/adoption": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }) },
  "POST /api/governance/meetings/:id/actions": {
    kind: "refused",
    params: () => ({ id: "00000000-0000-4000-8000-000000000013" }),
    body: { text: "intrusion", ownerId: "00000000-0000-4000-8000-000000000001", dueOn: "2025-09-30" },
  },
  "PATCH /api/governance/actions/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }), body: { status: "done" } },
  "GET /api/governance/meetings/:id/minutes.pdf": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000013" }) },
  "DELETE /api/conventions/:id/dedicated-advisors/:userId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention, userId: "00000000-0000-4000-8000-000000000001" }),
  },
  "POST /api/conventions/:id/payments/:paymentId/corrections": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention, paymentId: "00000000-0000-4000-8000-000000000004" }),
    body: {
      paidOn: "2021-03-01",
      amount: "10.00",
      payerOrganisationId: "00000000-0000-4000-8000-000000000001",
      payeeOrganisationId: "00000000-0000-4000-8000-000000000002",
      instalment: null,
      reason: "Erreur de saisie",
    },
  },
  "POST /api/conventions/:id/payments/:paymentId/cancellation": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention, paymentId: "00000000-0000-4000-8000-000000000004" }),
    body: { reason: "Saisi deux fois" },
  },
  "GET /api/reviews/options": { kind: "scoped" },
  "GET /api/reviews/schedule": { kind: "scoped" },
  "GET /api/reviews": { kind: "scoped" },
  "POST /api/reviews": {
    kind: "refused",
    body: (i: Ids) => ({ conventionId: i.basRhinConvention, agencyIds: [i.basRhinAgency], heldOn: "2026-01-15" }),
  },
  "GET /api/reviews/:id": { kind: "refused", params: (i) => ({ id: i.basRhinReview }) },
  "GET /api/reviews/:id/summary": { kind: "refused", params: (i) => ({ id: i.basRhinReview }) },
  "DELETE /api/reviews/:id": { kind: "refused", params: (i) => ({ id: i.basRhinReview }) },
  "POST /api/reviews/:id/items": { kind: "refused", params: (i) => ({ id: i.basRhinReview }), body: { caseId: "00000000-0000-4000-8000-000000000003" } },
  "PUT /api/reviews/:id/decisions/:caseId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinReview, caseId: "00000000-0000-4000-8000-000000000003" }),
    body: { kind: "other", note: "intrusion" },
  },
  "POST /api/reviews/:id/close": { kind: "refused", params: (i) => ({ id: i.basRhinReview }) },
  "POST /api/reviews/:id/reopen": { kind: "refused", params: (i) => ({ id: i.basRhinReview }) },
  "GET /api/reviews/:id/documents/:version/:kind": { kind: "refused", params: (i) => ({ id: i.basRhinReview, version: "1", kind: "table_xlsx" }) },
  // Global support: a Bas-Rhin case and person from the demo; a notification of a Bas-Rhin social worker.
  "GET /api/job-seekers": { kind: "scoped", query: "?q=martin" },
  "POST /api/job-seekers": {
    kind: "refused",
    body: { ftIdentifier: "9912345X", firstName: "In", lastName: "Trus", birthDate: "1990-01-01", communeInsee: "67482", registeredAt: "2026-01-01" },
  },
  "GET /api/job-seekers/:id": { kind: "refused", params: (i) => ({ id: i.basRhinPerson }) },
  "PATCH /api/job-seekers/:id": { kind: "refused", params: (i) => ({ id: i.basRhinPerson }), body: { phone: "0600000000" } },
  "GET /api/support/conventions": { kind: "scoped" },
  "POST /api/support/cases": { kind: "refused", body: (i: Ids) => ({ jobSeekerId: i.basRhinPerson, origin: "other" }) },
  "GET /api/support/portfolio": { kind: "scoped" },
  "GET /api/support/cases/:id": { kind: "refused", params: (i) => ({ id: i.basRhinCase }) },
  "GET /api/support/cases/:id/transparency": { kind: "refused", params: (i) => ({ id: i.basRhinCase }) },
  // The partners' resource directory (ADR 0035): one's own and one's partners' resources; a case's resources as the case.
  "GET /api/directory": { kind: "scoped" },
  "GET /api/directory/export": { kind: "scoped" },
  "GET /api/directory/steering": { kind: "scoped" },
  "POST /api/directory/services": { kind: "self" },
  "POST /api/directory/imports": { kind: "self" },
  "POST /api/directory/imports/csv": { kind: "self" },
  "GET /api/directory/export/csv": { kind: "scoped" },
  "GET /api/directory/services/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000036" }) },
  "POST /api/directory/services/:id/confirmation": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000036" }) },
  "PUT /api/directory/services/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000036" }), body: { nom: "Intrusion", description: "Intrusion" } },
  "POST /api/directory/campaigns": { kind: "refused", body: (i: Ids) => ({ conventionId: i.basRhinConvention, year: 2026 }) },
  "PUT /api/directory/services/:id/structure": {
    kind: "refused",
    params: () => ({ id: "00000000-0000-4000-8000-000000000036" }),
    body: { structureId: "00000000-0000-4000-8000-000000000037" },
  },
  "GET /api/directory/structures": { kind: "scoped" },
  "GET /api/directory/structures/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }) },
  "PUT /api/directory/structures/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { nom: "Intrusion" } },
  "GET /api/support/cases/:id/resources": { kind: "refused", params: (i) => ({ id: i.basRhinCase }) },
  "POST /api/support/cases/:id/mobilised-resources": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { serviceId: "00000000-0000-4000-8000-000000000036" } },
  "GET /api/support/cases/:id/pair-candidates": { kind: "refused", params: (i) => ({ id: i.basRhinCase }) },
  "POST /api/support/cases/:id/consent": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { givenOn: "2026-01-15", method: "phone" } },
  "POST /api/support/cases/:id/barriers": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { code: "housing" } },
  "PATCH /api/support/cases/:id/barriers/:barrierId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, barrierId: "00000000-0000-4000-8000-000000000004" }),
    body: { resolvedOn: "2026-01-15" },
  },
  "POST /api/support/cases/:id/diagnosis": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { kind: "trust", on: "2026-01-15" } },
  "POST /api/support/cases/:id/pair": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase }),
    body: { advisorId: "00000000-0000-4000-8000-000000000005", socialWorkerId: "00000000-0000-4000-8000-000000000006" },
  },
  "POST /api/support/cases/:id/submission": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: {} },
  "POST /api/support/cases/:id/entry": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { on: "2026-01-15", source: { kind: "pair" } } },
  "POST /api/support/cases/:id/refusal": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { on: "2026-01-15", reason: "intrusion" } },
  "POST /api/support/cases/:id/appointments": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { kind: "social", scheduledOn: "2026-01-15" } },
  "PATCH /api/support/cases/:id/appointments/:appointmentId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, appointmentId: "00000000-0000-4000-8000-000000000007" }),
    body: { status: "missed" },
  },
  "POST /api/support/cases/:id/renewal": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { on: "2026-01-15" } },
  "POST /api/support/cases/:id/exit": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { on: "2026-01-15", type: "move" } },
  "POST /api/support/cases/:id/social-only": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase }),
    body: { on: "2026-01-15", personConsents: true, jointDecision: true },
  },
  "POST /api/support/cases/:id/social-only/end": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { on: "2026-01-15" } },
  "POST /api/support/cases/:id/activities": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { kind: "short_job", startsOn: "2026-01-15" } },
  "POST /api/support/cases/:id/notes": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: { visibility: "pair", body: "intrusion" } },
  "POST /api/support/cases/:id/appointments/:appointmentId/cancellation": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, appointmentId: "00000000-0000-4000-8000-000000000007" }),
    body: { reason: "intrusion" },
  },
  "POST /api/support/cases/:id/appointments/:appointmentId/invitation": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, appointmentId: "00000000-0000-4000-8000-000000000007" }),
    body: {},
  },
  "GET /api/support/cases/:id/appointments/:appointmentId/letter": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, appointmentId: "00000000-0000-4000-8000-000000000007" }),
  },
  "PATCH /api/support/cases/:id/notes/:noteId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, noteId: "00000000-0000-4000-8000-000000000008" }),
    body: { body: "intrusion" },
  },
  "GET /api/organisations/:id/support-referents": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }) },
  "PUT /api/organisations/:id/support-referents": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }), body: { userIds: [] } },
  "POST /api/support/cases/:id/documents": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase }),
    body: { visibility: "pair", name: "intrusion.txt", contentType: "text/plain", contentBase64: "aW50cnVzaW9u" },
  },
  "GET /api/support/cases/:id/documents/:documentId": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, documentId: "00000000-0000-4000-8000-000000000004" }),
  },
  "GET /api/support/queue": { kind: "scoped" },
  "GET /api/support/ended-conventions": { kind: "scoped" },
  "GET /api/support/portfolio/export.xlsx": { kind: "scoped" },
  "POST /api/support/cases/:id/take-up": { kind: "refused", params: (i) => ({ id: i.basRhinCase }), body: {} },
  "POST /api/support/cases/:id/barriers/:barrierId/correction": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinCase, barrierId: "00000000-0000-4000-8000-000000000000" }),
    body: { code: "housing", observedOn: "2026-01-15" },
  },
  "POST /api/notifications/read-all": { kind: "self" },
  "GET /api/notifications": { kind: "scoped" },
  "POST /api/notifications/:id/read": { kind: "refused", params: (i) => ({ id: i.basRhinNotification }) },
  /** Lists received from France Travail (ADR 0030): the partner agents of a party receive, the importing organisation reads. */
  "POST /api/conventions/:id/list-imports/:source": { kind: "refused", params: (i) => ({ id: i.basRhinConvention, source: "rsa_monthly" }), body: { csv: "intrusion" } },
  "GET /api/list-imports/options": { kind: "scoped" },
  "GET /api/list-imports": { kind: "scoped" },
  "GET /api/list-imports/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }) },
  "GET /api/list-imports/:id/issues": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }) },
  "GET /api/list-imports/:id/duplicates": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }) },
  "PUT /api/list-imports/:id/rows/:line/decision": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030", line: "2" }), body: { decision: "skip" } },
  "PUT /api/list-imports/:id/mapping": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }), body: { mapping: {} } },
  "POST /api/list-imports/:id/confirmation": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }) },
  "POST /api/list-imports/:id/cancellation": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000030" }) },
  /** The PEC follow-up booklet (ADR 0038): a link's token is the credential; a contract's booklet and its follow-up, its parties only. */
  "GET /api/livret/:token": { kind: "public" },
  "POST /api/livret/:token": { kind: "public" },
  "GET /api/pec/contracts/:id/booklet": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000038" }) },
  "POST /api/pec/contracts/:id/booklet/milestones/:milestoneId/link": {
    kind: "refused",
    params: () => ({ id: "00000000-0000-4000-8000-000000000038", milestoneId: "00000000-0000-4000-8000-000000000039" }),
    body: { respondent: "employee" },
  },
  "POST /api/pec/booklet-tasks/:id/done": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000038" }), body: {} },
  "POST /api/pec/contracts/:id/pre-exit/schedule": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000038" }), body: { scheduledOn: "2026-12-01" } },
  "POST /api/pec/contracts/:id/pre-exit/held": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000038" }), body: { heldOn: "2026-12-01" } },
  /** Parcours emploi compétences (ADR 0037): the employer's staff and France Travail acting under the convention; nothing of it is found by others. */
  "GET /api/pec": { kind: "scoped" },
  "PUT /api/pec/conventions/:id/company-advisors": { kind: "refused", params: (i) => ({ id: i.basRhinConvention }), body: (i: Ids) => ({ employerOrganisationId: i.basRhinOrg, named: [], backups: [] }) },
  "POST /api/pec/conventions/:id/offers": {
    kind: "refused",
    params: (i) => ({ id: i.basRhinConvention }),
    body: (i: Ids) => ({ employerOrganisationId: i.basRhinOrg, title: "x", skills: "x", romeCodes: [], weeklyHours: 20, durationMonths: 12, siteAddress: "x", wishedStartOn: "2027-01-04" }),
  },
  "GET /api/pec/offers/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }) },
  "POST /api/pec/offers/:id/withdrawal": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { reason: "intrusion" } },
  "POST /api/pec/offers/:id/candidacies": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { ftIdentifier: "1000001A", diagnosis: "intrusion intrusion", proposal: "x" } },
  "POST /api/pec/candidacies/:id/answer": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { answer: "refused", reason: "intrusion" } },
  "GET /api/pec/contracts/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }) },
  "PUT /api/pec/contracts/:id/tutor": {
    kind: "refused",
    params: () => ({ id: "00000000-0000-4000-8000-000000000037" }),
    body: { name: "x", email: "x@example.fr", jobTitle: "x", isEmployee: true, volunteer: true, qualification: "x", yearsExperience: 5, onSubsidisedContract: false, otherSubsidisedEmployees: 0 },
  },
  "PUT /api/pec/contracts/:id/meeting": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { heldOn: "2026-01-05", skills: [{ code: "100001", label: "x" }], trainingActions: [], supportActions: [] } },
  "POST /api/pec/contracts/:id/meeting/signatures": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { signer: "advisor" } },
  "POST /api/pec/contracts/:id/certificate/request": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { requestedOn: "2026-01-05" } },
  "PUT /api/pec/contracts/:id/certificate": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { missions: "x", skillsAcquired: "x" } },
  "POST /api/pec/contracts/:id/certificate/signature": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { signerName: "x", signerTitle: "x", signedOn: "2026-01-05" } },
  "GET /api/pec/contracts/:id/certificate.pdf": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }) },
  "POST /api/pec/contracts/:id/renewal": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { endsOn: "2028-01-05" } },
  "POST /api/pec/contracts/:id/exit": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000037" }), body: { exitOn: "2026-06-05", outcome: "job" } },
  /** The ROME referential (ADR 0036): published open data, the same for everyone. PMSMP immersions: prescriber's side and host only. */
  "GET /api/rome/trades": { kind: "scoped", query: "?q=nettoyage" },
  "GET /api/rome/skills": { kind: "scoped", query: "?q=rigueur" },
  "GET /api/rome/status": { kind: "scoped" },
  "GET /api/immersions": { kind: "scoped" },
  "GET /api/immersions/options": { kind: "scoped" },
  "GET /api/immersions/persons": { kind: "scoped", query: "?q=martin" },
  "POST /api/immersions": {
    kind: "refused",
    body: (i: Ids) => ({
      conventionId: i.basRhinConvention,
      jobSeekerId: i.basRhinPerson,
      hostOrganisationId: i.basRhinOrg,
      tutorName: "Intrus",
      tutorEmail: "intrus@example.fr",
      tutorFunction: "Intrus",
      startsOn: "2027-01-04",
      endsOn: "2027-01-08",
      weeklyHours: 35,
      objects: ["discover"],
      romeCode: "K2204",
    }),
  },
  "GET /api/immersions/:id": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000036" }) },
  "PUT /api/immersions/:id/assessment": {
    kind: "refused",
    params: () => ({ id: "00000000-0000-4000-8000-000000000036" }),
    body: { assessedOn: "2026-11-01", objectiveReached: "yes", skillsObserved: [], followUp: "none" },
  },
  "PUT /api/immersions/:id/agreement": { kind: "refused", params: () => ({ id: "00000000-0000-4000-8000-000000000036" }), body: { agreementReference: "intrusion" } },
  "GET /api/organisations/:id/immersion-trades": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }) },
  "PUT /api/organisations/:id/immersion-trades": { kind: "refused", params: (i) => ({ id: i.basRhinOrg }), body: { romeCodes: ["K2204"] } },
};

let t: TestApp;
let ids: Ids;
let intruder: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const org = async (code: string) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;
  ids = {
    basRhinOrg: await org("cd-bas-rhin"),
    creuseOrg: await org("cd-creuse"),
    basRhinUser: (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'social.basrhin@demo.tandem.fr'"))[0].id,
    basRhinConvention: (await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'"))[0].id,
    basRhinAgency: await org("ft-strasbourg"),
    basRhinReview: "",
    basRhinCase: (await t.db.query<{ id: string }>("SELECT sc.id FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE js.commune_insee LIKE '67%' LIMIT 1"))[0].id,
    basRhinPerson: (await t.db.query<{ id: string }>("SELECT id FROM job_seekers WHERE commune_insee LIKE '67%' LIMIT 1"))[0].id,
    basRhinNotification: (await t.db.query<{ id: string }>("SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'social.strasbourg@demo.tandem.fr' LIMIT 1"))[0].id,
  };
  // The strongest wrong-organisation user: every role but platform_admin, in Creuse.
  await t.db.query(
    `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash)
     SELECT $1, 'intrus.creuse@demo.tandem.fr', 'Intrus', 'Creuse',
            ARRAY['advisor','social_worker','orienter','partner_agent','steering','org_admin','dpo'], password_hash
       FROM users WHERE email = 'admin.creuse@demo.tandem.fr'`,
    [ids.creuseOrg],
  );
  intruder = await t.loginAs("intrus.creuse");
  // A real Bas-Rhin review, prepared by its advisor, for the intruder to knock at.
  const advisor = await t.loginAs("conseiller.basrhin");
  ids.basRhinReview = (
    await advisor.post("/api/reviews", { conventionId: ids.basRhinConvention, agencyIds: [ids.basRhinAgency], heldOn: parisToday() })
  ).json().id;
  // Bas-Rhin activity that must never show up for the intruder.
  await t.loginAs("admin.basrhin");
});
afterAll(() => t.close());

const fill = (url: string, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    if (!params[name]) throw new Error(`Paramètre ${name} non fourni pour ${url}`);
    return params[name];
  });

describe("every API route is protected", () => {
  it("the table covers every registered route", () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const missing = registered.filter((r) => !(r in routeProtections));
    expect(missing, "routes sans règle de protection dans authorization.test.ts").toEqual([]);
  });

  it("refuses every non-public route to an anonymous caller with 401", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    for (const route of t.app.apiRoutes.filter((r) => r.access !== "public")) {
      const res = await anonymous.request({ method: route.method as "GET", url: route.url.replace(/:(\w+)/g, "00000000-0000-4000-8000-000000000000") });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses a user of another organisation, or shows them only their own organisation's data", async () => {
    for (const route of t.app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      const outcome = routeProtections[key];
      if (!outcome || outcome.kind === "public" || outcome.kind === "self") continue;
      if (outcome.kind === "refused") {
        const res = await intruder.request({
          method: route.method as "GET",
          url: fill(route.url, outcome.params?.(ids)),
          ...(outcome.body === undefined ? {} : { payload: (typeof outcome.body === "function" ? outcome.body(ids) : outcome.body) as object }),
        });
        expect([403, 404], `${key} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.json().error.message).toMatch(/[a-zé]/);
      } else {
        const res = await intruder.get(fill(route.url) + (outcome.query ?? ""));
        expect(res.statusCode, key).toBe(200);
        expect(res.body, `${key} laisse voir des données du Bas-Rhin`).not.toMatch(/bas-?rhin/i);
      }
    }
  });
});

describe("wrong role within the right organisation", () => {
  it("an advisor cannot manage their organisation's users, read the audit trail or the outbox", async () => {
    const advisor = await t.loginAs("conseiller.creuse");
    const ownOrg = advisor.user!.organisation.id;
    expect((await advisor.get(`/api/organisations/${ownOrg}/users`)).statusCode).toBe(403);
    expect((await advisor.get("/api/audit-events")).statusCode).toBe(403);
    expect((await advisor.get("/api/audit-events/export.csv")).statusCode).toBe(403);
    expect((await advisor.get("/api/outbox")).statusCode).toBe(403);
  });

  it("a DPO reads the audit trail of their organisation only; the platform admin reads everything", async () => {
    const dpo = await t.loginAs("dpo.basrhin");
    const events = (await dpo.get("/api/audit-events?action=auth.login&pageSize=200")).json();
    expect(events.items.length).toBeGreaterThan(0);
    expect(new Set(events.items.map((e: { actorOrganisationId: string }) => e.actorOrganisationId))).toEqual(new Set([ids.basRhinOrg]));
    const admin = await t.loginAs("admin.plateforme");
    const all = (await admin.get("/api/audit-events?action=auth.login&pageSize=200")).json();
    expect(new Set(all.items.map((e: { actorOrganisationId: string }) => e.actorOrganisationId)).size).toBeGreaterThan(2);
  });
});

describe("writes by the wrong party (conventions)", () => {
  it("a party signs only for itself: the city cannot sign for France Travail, nor France Travail for the city; scanned copies are the platform admin's", async () => {
    const sign = (client: TestClient, organisation: string, extra: object = {}) =>
      client.post(`/api/conventions/${ids.basRhinConvention}/signatures`, { organisation, name: "X", title: "Y", signedOn: "2020-12-18", ...extra });
    const city = await t.loginAs("admin.strasbourg");
    const cityForFt = await sign(city, "ft-strasbourg");
    expect(cityForFt.statusCode).toBe(403);
    expect(cityForFt.json().error.code).toBe("FORBIDDEN");
    expect((await sign(await t.loginAs("pilotage.ft-basrhin"), "ville-strasbourg")).statusCode).toBe(403);
    expect((await sign(city, "ville-strasbourg", { mode: "scanned_copy" })).statusCode).toBe(403);
    const [{ n }] = await t.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE subject_id = $1 AND action = 'convention.signature_recorded' AND actor_user_id IS NOT NULL",
      [ids.basRhinConvention],
    );
    expect(Number(n)).toBe(0);
  });

  it("a party signs an amendment only for itself: the city proposes and signs, it cannot sign for France Travail, nor France Travail for the city", async () => {
    const city = await t.loginAs("admin.strasbourg");
    const proposed = await city.post(`/api/conventions/${ids.basRhinConvention}/amendments`, {
      number: "AV-INTRUSION",
      effectiveOn: parisToday(),
      summary: "Prolongation voulue par la seule ville",
      changes: { period: { endsOn: `${Number(parisToday().slice(0, 4)) + 3}-06-30` } },
      signature: { name: "X", title: "Y", signedOn: parisToday() },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const [{ id: amendmentId }] = await t.db.query<{ id: string }>("SELECT id FROM convention_amendments WHERE number = 'AV-INTRUSION'");
    const sign = (client: TestClient, organisation: string) =>
      client.post(`/api/conventions/${ids.basRhinConvention}/amendments/${amendmentId}/signatures`, { organisation, name: "X", title: "Y", signedOn: parisToday() });
    const cityForFt = await sign(city, "ft-strasbourg");
    expect(cityForFt.statusCode).toBe(403);
    expect(cityForFt.json().error.code).toBe("FORBIDDEN");
    expect((await sign(await t.loginAs("pilotage.ft-basrhin"), "ville-strasbourg")).statusCode).toBe(403);
    // Still one signature of three: the convention's end has not moved.
    const [row] = await t.db.query<{ n: string; ends_on: string }>(
      `SELECT (SELECT count(*) FROM convention_amendment_signatures WHERE amendment_id = $1) AS n, ends_on FROM conventions WHERE id = $2`,
      [amendmentId, ids.basRhinConvention],
    );
    expect({ n: Number(row.n), endsOn: row.ends_on }).toEqual({ n: 1, endsOn: `${Number(parisToday().slice(0, 4)) + 2}-12-31` });
  });

  it("a convention is imported by a steering user or org_admin of one of its parties only; a partner agent's file is not even read", async () => {
    const file = fs.readFileSync(path.join(conventionsDir, "bas-rhin-2021-accompagnement-global.yaml"), "utf8").replace("number: BAS-RHIN-2021-AG", "number: AUTRE-PARTIE");
    expect((await (await t.loginAs("pilotage.metz")).post("/api/conventions/import", { content: file })).statusCode).toBe(403);
    const agent = await t.loginAs("agent.strasbourg");
    expect((await agent.post("/api/conventions/import", { content: file })).statusCode).toBe(403);
    expect((await agent.post("/api/conventions/import", { content: "convention: [illisible" })).statusCode).toBe(403);
    expect(await t.db.query("SELECT 1 FROM conventions WHERE number = 'AUTRE-PARTIE'")).toHaveLength(0);
  });
});

describe("writes by the wrong party (roles)", () => {
  const rolesOf = async (email: string) => (await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE email = $1", [email]))[0].roles;

  it("no role grant across organisations: a Creuse admin neither changes a Bas-Rhin account's roles nor invites into Bas-Rhin", async () => {
    const creuse = await t.loginAs("admin.creuse");
    expect((await creuse.patch(`/api/users/${ids.basRhinUser}`, { roles: ["social_worker", "org_admin"] })).statusCode).toBe(403);
    expect(
      (await creuse.post(`/api/organisations/${ids.basRhinOrg}/users`, { email: "recrue@bas-rhin.fr", firstName: "Re", lastName: "Crue", roles: ["social_worker"] })).statusCode,
    ).toBe(403);
    expect(await rolesOf("social.basrhin@demo.tandem.fr")).toEqual(["social_worker"]);
    expect(await t.db.query("SELECT 1 FROM users WHERE email = 'recrue@bas-rhin.fr'")).toHaveLength(0);
  });

  it("nobody grants themselves a role, not even one their organisation may hold", async () => {
    const ftAdmin = await t.loginAs("admin.ft-basrhin");
    const res = await ftAdmin.patch(`/api/users/${ftAdmin.user!.id}`, { roles: ["org_admin", "steering"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CANNOT_CHANGE_OWN_ROLES");
    expect(await rolesOf("admin.ft-basrhin@demo.tandem.fr")).toEqual(["org_admin"]);
  });

  it("no role the organisation's kind may not hold, whoever grants it", async () => {
    const ftAdmin = await t.loginAs("admin.ft-basrhin");
    const advisorId = (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'conseiller.basrhin@demo.tandem.fr'"))[0].id;
    const toSocial = await ftAdmin.patch(`/api/users/${advisorId}`, { roles: ["advisor", "social_worker"] });
    expect(toSocial.statusCode).toBe(403);
    expect(toSocial.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    const departement = await t.loginAs("admin.basrhin");
    const invite = await departement.post(`/api/organisations/${ids.basRhinOrg}/users`, { email: "faux.conseiller@bas-rhin.fr", firstName: "F", lastName: "C", roles: ["advisor"] });
    expect(invite.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    const platform = await t.loginAs("admin.plateforme");
    expect((await platform.patch(`/api/users/${ids.basRhinUser}`, { roles: ["advisor"] })).json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    expect(await rolesOf("conseiller.basrhin@demo.tandem.fr")).toEqual(["advisor"]);
    expect(await rolesOf("social.basrhin@demo.tandem.fr")).toEqual(["social_worker"]);
    expect(await t.db.query("SELECT 1 FROM users WHERE email = 'faux.conseiller@bas-rhin.fr'")).toHaveLength(0);
  });
});

describe("exports: nothing leaves for a user of another organisation", () => {
  let owner: TestClient;
  beforeAll(async () => {
    owner = await t.loginAs("conseiller.basrhin");
    // The Bas-Rhin review is closed: its minutes and follow-up table exist, for its participant to download.
    const closed = await owner.post(`/api/reviews/${ids.basRhinReview}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it.each(["minutes_pdf", "table_xlsx", "table_csv"])("the review's %s: downloaded by its participant, refused to the intruder", async (kind) => {
    const url = `/api/reviews/${ids.basRhinReview}/documents/1/${kind}`;
    expect((await owner.get(url)).statusCode).toBe(200);
    const res = await intruder.get(url);
    expect([403, 404]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[a-zé]/);
  });

  it("the transparency export of a Bas-Rhin case: to its pair, not to the intruder", async () => {
    const [c] = await t.db.query<{ id: string }>(
      `SELECT sc.id FROM support_cases sc JOIN users u ON u.id = sc.advisor_id
        WHERE u.email = 'conseiller.basrhin@demo.tandem.fr' AND sc.status NOT IN ('exited','refused') LIMIT 1`,
    );
    expect((await owner.get(`/api/support/cases/${c.id}/transparency`)).statusCode).toBe(200);
    const res = await intruder.get(`/api/support/cases/${c.id}/transparency`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(c.id);
  });

  it("the audit CSV: the intruder's (a Creuse DPO) holds no Bas-Rhin event; the Bas-Rhin DPO's does", async () => {
    const mine = await intruder.get("/api/audit-events/export.csv");
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain(ids.basRhinOrg);
    expect(mine.body).not.toMatch(/basrhin|strasbourg/i);
    const theirs = await (await t.loginAs("dpo.basrhin")).get("/api/audit-events/export.csv");
    expect(theirs.body).toContain("admin.basrhin@demo.tandem.fr");
  });

  it("the calendar feed: the intruder's own lists no Bas-Rhin deadline, and no made-up address opens another's", async () => {
    const { feedUrl } = (await intruder.post("/api/calendar/feed")).json();
    const feed = await t.client().get(new URL(feedUrl).pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain("CREUSE-2023-AG");
    expect(feed.body).not.toMatch(/bas-?rhin/i);
    expect((await t.client().get("/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).statusCode).toBe(404);
  });
});
