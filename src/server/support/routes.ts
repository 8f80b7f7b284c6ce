import { z } from "zod";
import { OkSchema, UuidParamSchema } from "../../shared/contracts/common.js";
import {
  ActivityRequestSchema,
  AddBarrierRequestSchema,
  AppointmentRequestSchema,
  CaseAppointmentParamsSchema,
  CaseBarrierParamsSchema,
  CaseViewSchema,
  ConsentRequestSchema,
  CreateJobSeekerRequestSchema,
  DiagnosisRequestSchema,
  EntryRequestSchema,
  ExitRequestSchema,
  JobSeekerDetailSchema,
  JobSeekerPageSchema,
  JobSeekerSearchQuerySchema,
  NoteRequestSchema,
  DocumentRequestSchema,
  NotificationListSchema,
  OrientRequestSchema,
  PairCandidatesSchema,
  PairRequestSchema,
  PortfolioQuerySchema,
  PortfolioResponseSchema,
  RefusalRequestSchema,
  RenewalRequestSchema,
  SocialOnlyEndRequestSchema,
  SocialOnlyRequestSchema,
  SupportConventionsSchema,
  TransparencyExportSchema,
  UpdateAppointmentRequestSchema,
  CancelAppointmentRequestSchema,
  CaseNoteParamsSchema,
  EditNoteRequestSchema,
  UpdateBarrierRequestSchema,
  UpdateJobSeekerRequestSchema,
  OrientationQueueQuerySchema,
  OrientationQueueSchema,
  TakeUpRequestSchema,
  CorrectBarrierRequestSchema,
  PortfolioExportQuerySchema,
  ReadAllNotificationsResponseSchema,
} from "../../shared/contracts/support.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { addBarrier } from "./addBarrier.js";
import { addNote } from "./addNote.js";
import { addDocument, readDocument } from "./caseDocuments.js";
import { listSupportReferents, setSupportReferents } from "./supportReferents.js";
import { assignPair } from "./assignPair.js";
import { createJobSeeker } from "./createJobSeeker.js";
import { endSocialOnly } from "./endSocialOnly.js";
import { enterSupport } from "./enterSupport.js";
import { exitSupport } from "./exitSupport.js";
import { exportTransparency } from "./exportTransparency.js";
import { getCaseView } from "./getCaseView.js";
import { getJobSeeker } from "./getJobSeeker.js";
import { listPairCandidates } from "./listPairCandidates.js";
import { listPortfolio } from "./listPortfolio.js";
import { listNotifications, markNotificationRead } from "./notifications.js";
import { orientJobSeeker } from "./orientJobSeeker.js";
import { recordAppointment } from "./recordAppointment.js";
import { recordConsent } from "./recordConsent.js";
import { recordDiagnosis } from "./recordDiagnosis.js";
import { recordShortActivity } from "./recordShortActivity.js";
import { refuseEntry } from "./refuseEntry.js";
import { renewSupport } from "./renewSupport.js";
import { searchJobSeekers } from "./searchJobSeekers.js";
import { startSocialOnly } from "./startSocialOnly.js";
import { submitForEntry } from "./submitForEntry.js";
import { authorizeSupportUse, conventionsOf } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { updateAppointment } from "./updateAppointment.js";
import { cancelAppointment } from "./cancelAppointment.js";
import { editNote } from "./editNote.js";
import { appointmentLetter, sendAppointmentInvitation } from "./sendAppointment.js";
import { updateBarrier } from "./updateBarrier.js";
import { updateJobSeeker } from "./updateJobSeeker.js";
import { listOrientationQueue } from "./listOrientationQueue.js";
import { takeUpCase } from "./takeUpCase.js";
import { correctBarrier } from "./correctBarrier.js";
import { exportPortfolio } from "./exportPortfolio.js";
import { markAllNotificationsRead } from "./notifications.js";
import { listEndedConventionCases } from "./listEndedConventionCases.js";
import { EndedConventionCasesSchema } from "../../shared/contracts/supportEnd.js";

/**
 * Global support: job-seeker search and record, orientation, the case's lifecycle, « Mon
 * portefeuille », notifications. Every command answers with the case page as it now stands.
 */
export const supportRoutes: RouteModule = (app, { db, mailer, config }) => {
  const deps: SupportDeps = { db, mailer, publicUrl: config.publicUrl };
  const tags = ["Accompagnement global"];
  const access = { access: "authenticated" as const };
  const caseView = { 200: CaseViewSchema };

  app.get("/api/job-seekers", {
    config: access,
    schema: { tags, summary: "Rechercher une personne (nom, prénom ou identifiant France Travail)", querystring: JobSeekerSearchQuerySchema, response: { 200: JobSeekerPageSchema } },
  }, async (request) => searchJobSeekers(db, requireUser(request), request.query));

  app.post("/api/job-seekers", {
    config: access,
    schema: { tags, summary: "Enregistrer une personne (doublons refusés)", body: CreateJobSeekerRequestSchema, response: { 201: JobSeekerDetailSchema } },
  }, async (request, reply) => {
    const ctx = requireUser(request);
    const id = await createJobSeeker(db, ctx, request.body);
    return reply.status(201).send(await getJobSeeker(db, ctx, id));
  });

  app.get("/api/job-seekers/:id", {
    config: access,
    schema: { tags, summary: "Fiche d’une personne et ses accompagnements", params: UuidParamSchema, response: { 200: JobSeekerDetailSchema } },
  }, async (request) => getJobSeeker(db, requireUser(request), request.params.id));

  app.patch("/api/job-seekers/:id", {
    config: access,
    schema: { tags, summary: "Mettre à jour la fiche (commune, QPV, allocations, coordonnées, radiation)", params: UuidParamSchema, body: UpdateJobSeekerRequestSchema, response: { 200: JobSeekerDetailSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await updateJobSeeker(db, ctx, request.params.id, request.body);
    return getJobSeeker(db, ctx, request.params.id);
  });

  app.get("/api/support/conventions", {
    config: access,
    schema: { tags, summary: "Conventions d’accompagnement global en vigueur pour mon organisation", response: { 200: SupportConventionsSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    const conventions = await conventionsOf(db, ctx.user, parisToday());
    authorizeSupportUse(ctx.user, conventions);
    return conventions.map((c) => ({
      id: c.conventionId,
      number: c.number,
      title: c.title,
      orientationToStart: c.terms.orientationToStart,
      directEntryAllowed: c.terms.directEntryAllowed,
    }));
  });

  app.post("/api/support/cases", {
    config: access,
    schema: { tags, summary: "Orienter une personne vers l’accompagnement global", body: OrientRequestSchema, response: { 201: CaseViewSchema } },
  }, async (request, reply) => {
    const ctx = requireUser(request);
    const id = await orientJobSeeker(deps, ctx, request.body);
    return reply.status(201).send(await getCaseView(db, ctx, id));
  });

  app.get("/api/support/portfolio", {
    config: access,
    schema: { tags, summary: "Mon portefeuille : mes accompagnements par urgence", querystring: PortfolioQuerySchema, response: { 200: PortfolioResponseSchema } },
  }, async (request) => listPortfolio(db, requireUser(request), request.query));

  app.get("/api/support/portfolio/export.xlsx", {
    config: access,
    schema: { tags, summary: "Exporter mon portefeuille (XLSX), avec ses filtres", querystring: PortfolioExportQuerySchema },
  }, async (request, reply) => {
    const file = await exportPortfolio(db, requireUser(request), request.query);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="mon-portefeuille-${parisToday()}.xlsx"`)
      .send(file);
  });

  app.get("/api/support/ended-conventions", {
    config: access,
    schema: { tags, summary: "Accompagnements ouverts sous une convention terminée : décision à prendre (sortie ou avenant)", response: { 200: EndedConventionCasesSchema } },
  }, async (request) => listEndedConventionCases(db, requireUser(request)));

  app.get("/api/support/queue", {
    config: access,
    schema: { tags, summary: "Orientations à attribuer : les accompagnements dont mon côté du binôme est à prendre en charge", querystring: OrientationQueueQuerySchema, response: { 200: OrientationQueueSchema } },
  }, async (request) => listOrientationQueue(db, requireUser(request), request.query));

  app.get("/api/support/cases/:id", {
    config: access,
    schema: { tags, summary: "Page d’un accompagnement", params: UuidParamSchema, response: caseView },
  }, async (request) => getCaseView(db, requireUser(request), request.params.id));

  app.get("/api/support/cases/:id/transparency", {
    config: access,
    schema: { tags, summary: "Copie de tout ce que Tandem détient sur la personne (transparence)", params: UuidParamSchema, response: { 200: TransparencyExportSchema } },
  }, async (request, reply) => {
    reply.header("content-disposition", `attachment; filename="tandem-donnees-personne-${request.params.id}.json"`);
    return exportTransparency(db, requireUser(request), request.params.id);
  });

  app.get("/api/support/cases/:id/pair-candidates", {
    config: access,
    schema: { tags, summary: "Conseillers et travailleurs sociaux possibles, avec leur charge", params: UuidParamSchema, response: { 200: PairCandidatesSchema } },
  }, async (request) => listPairCandidates(db, requireUser(request), request.params.id));

  /** A command on a case, answered with the case page. */
  const command = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof requireUser>, id: string, input: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(path, { config: access, schema: { tags, summary, params: UuidParamSchema, body, response: caseView } }, async (request) => {
      const ctx = requireUser(request);
      await run(ctx, request.params.id, request.body as z.infer<B>);
      return getCaseView(db, ctx, request.params.id);
    });

  command("/api/support/cases/:id/consent", "Enregistrer le consentement de la personne", ConsentRequestSchema, (ctx, id, b) => recordConsent(deps, ctx, id, b));
  command("/api/support/cases/:id/barriers", "Ajouter un frein constaté", AddBarrierRequestSchema, (ctx, id, b) => addBarrier(deps, ctx, id, b));
  command("/api/support/cases/:id/diagnosis", "Enregistrer le diagnostic", DiagnosisRequestSchema, (ctx, id, b) => recordDiagnosis(deps, ctx, id, b));
  command("/api/support/cases/:id/pair", "Choisir le binôme", PairRequestSchema, (ctx, id, b) => assignPair(deps, ctx, id, b));
  command("/api/support/cases/:id/submission", "Soumettre l’entrée à la revue de portefeuille", z.strictObject({}), (ctx, id) => submitForEntry(deps, ctx, id));
  command("/api/support/cases/:id/entry", "Enregistrer l’entrée (actée en revue, ou directe si la convention le permet)", EntryRequestSchema, (ctx, id, b) =>
    enterSupport(deps, ctx, id, b),
  );
  command("/api/support/cases/:id/refusal", "Refuser l’entrée", RefusalRequestSchema, (ctx, id, b) => refuseEntry(deps, ctx, id, b));
  command("/api/support/cases/:id/appointments", "Enregistrer un rendez-vous", AppointmentRequestSchema, (ctx, id, b) => recordAppointment(deps, ctx, id, b));
  command("/api/support/cases/:id/renewal", "Renouveler l’accompagnement", RenewalRequestSchema, (ctx, id, b) => renewSupport(deps, ctx, id, b));
  command("/api/support/cases/:id/exit", "Enregistrer la sortie", ExitRequestSchema, (ctx, id, b) => exitSupport(deps, ctx, id, b));
  command("/api/support/cases/:id/social-only", "Passer en accompagnement social exclusif", SocialOnlyRequestSchema, (ctx, id, b) => startSocialOnly(deps, ctx, id, b));
  command("/api/support/cases/:id/social-only/end", "Reprendre le parcours emploi", SocialOnlyEndRequestSchema, (ctx, id, b) => endSocialOnly(deps, ctx, id, b));
  command("/api/support/cases/:id/activities", "Enregistrer un emploi court ou une formation courte", ActivityRequestSchema, (ctx, id, b) =>
    recordShortActivity(deps, ctx, id, b),
  );
  command("/api/support/cases/:id/take-up", "Prendre en charge (mon côté du binôme)", TakeUpRequestSchema, (ctx, id) => takeUpCase(deps, ctx, id));
  command("/api/support/cases/:id/notes", "Ajouter une note", NoteRequestSchema, (ctx, id, b) => addNote(deps, ctx, id, b));

  const ReferentsSchema = z.object({ userIds: z.array(z.uuid()) });
  app.get("/api/organisations/:id/support-referents", {
    config: access,
    schema: { tags, summary: "Référents accompagnement global de l’organisation (alertés des absences des bénéficiaires du RSA)", params: UuidParamSchema, response: { 200: ReferentsSchema } },
  }, async (request) => ({ userIds: await listSupportReferents(db, requireUser(request), request.params.id) }));

  app.put("/api/organisations/:id/support-referents", {
    config: access,
    schema: { tags, summary: "Désigner les référents accompagnement global de l’organisation", params: UuidParamSchema, body: z.strictObject({ userIds: z.array(z.uuid()).max(50) }), response: { 200: ReferentsSchema } },
  }, async (request) => ({ userIds: await setSupportReferents(db, requireUser(request), request.params.id, request.body.userIds) }));

  app.post("/api/support/cases/:id/documents", {
    config: access,
    // A file of up to 5 MB travels in base64 (4/3 larger) inside JSON.
    bodyLimit: 8 * 1024 * 1024,
    schema: { tags, summary: "Joindre un document (visible selon sa visibilité, comme une note)", params: UuidParamSchema, body: DocumentRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await addDocument(deps, ctx, request.params.id, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.get("/api/support/cases/:id/documents/:documentId", {
    config: access,
    schema: { tags, summary: "Télécharger un document", params: z.strictObject({ id: z.uuid(), documentId: z.uuid() }) },
  }, async (request, reply) => {
    const doc = await readDocument(db, requireUser(request), request.params.id, request.params.documentId);
    return reply
      .header("content-type", doc.contentType)
      .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
      .send(doc.content);
  });

  app.patch("/api/support/cases/:id/appointments/:appointmentId", {
    config: access,
    schema: { tags, summary: "Présence ou absence à un rendez-vous, ou correction (date, heure, lieu ou modalité, type), avec historique", params: CaseAppointmentParamsSchema, body: UpdateAppointmentRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await updateAppointment(deps, ctx, request.params.id, request.params.appointmentId, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.post("/api/support/cases/:id/appointments/:appointmentId/cancellation", {
    config: access,
    schema: { tags, summary: "Annuler un rendez-vous, avec son motif (gardé dans l’historique)", params: CaseAppointmentParamsSchema, body: CancelAppointmentRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await cancelAppointment(deps, ctx, request.params.id, request.params.appointmentId, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.post("/api/support/cases/:id/appointments/:appointmentId/invitation", {
    config: access,
    schema: { tags, summary: "Envoyer la convocation à la personne par courriel, avec une invitation iCalendar", params: CaseAppointmentParamsSchema, body: z.strictObject({}).optional(), response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await sendAppointmentInvitation(deps, ctx, request.params.id, request.params.appointmentId);
    return getCaseView(db, ctx, request.params.id);
  });

  app.get("/api/support/cases/:id/appointments/:appointmentId/letter", {
    config: access,
    schema: { tags, summary: "Lettre de convocation au rendez-vous (PDF)", params: CaseAppointmentParamsSchema },
  }, async (request, reply) => {
    const { pdf, on } = await appointmentLetter(deps, requireUser(request), request.params.id, request.params.appointmentId);
    return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="convocation-${on}.pdf"`).send(pdf);
  });

  app.patch("/api/support/cases/:id/notes/:noteId", {
    config: access,
    schema: { tags, summary: "Modifier une note (son auteur seulement ; les versions précédentes sont gardées)", params: CaseNoteParamsSchema, body: EditNoteRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await editNote(deps, ctx, request.params.id, request.params.noteId, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.patch("/api/support/cases/:id/barriers/:barrierId", {
    config: access,
    schema: { tags, summary: "Lever un frein, ou l’admettre par décision commune", params: CaseBarrierParamsSchema, body: UpdateBarrierRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await updateBarrier(deps, ctx, request.params.id, request.params.barrierId, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.post("/api/support/cases/:id/barriers/:barrierId/correction", {
    config: access,
    schema: { tags, summary: "Corriger un frein saisi par erreur (code ou date ; l’historique garde l’ancienne saisie)", params: CaseBarrierParamsSchema, body: CorrectBarrierRequestSchema, response: caseView },
  }, async (request) => {
    const ctx = requireUser(request);
    await correctBarrier(deps, ctx, request.params.id, request.params.barrierId, request.body);
    return getCaseView(db, ctx, request.params.id);
  });

  app.post("/api/notifications/read-all", {
    config: access,
    schema: { tags, summary: "Tout marquer comme lu", body: z.strictObject({}).optional(), response: { 200: ReadAllNotificationsResponseSchema } },
  }, async (request) => ({ ok: true as const, marked: await markAllNotificationsRead(db, requireUser(request).user) }));

  app.get("/api/notifications", {
    config: access,
    schema: { tags, summary: "Mes notifications", response: { 200: NotificationListSchema } },
  }, async (request) => listNotifications(db, requireUser(request), { limit: 50 }));

  app.post("/api/notifications/:id/read", {
    config: access,
    schema: { tags, summary: "Marquer une notification comme lue", params: UuidParamSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await markNotificationRead(db, requireUser(request).user, request.params.id);
    return { ok: true as const };
  });
};
