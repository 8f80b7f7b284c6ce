import { z } from "zod";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../shared/contracts/common.js";
import {
  CandidacyAnswerSchema,
  CertificateRequestSchema,
  CertificateSchema,
  CertificateSignatureSchema,
  CompanyAdvisorsSchema,
  ContractExitSchema,
  MeetingSignatureSchema,
  NewCandidacySchema,
  NewPecOfferSchema,
  OfferWithdrawalSchema,
  PecContractSchema,
  PecOfferSchema,
  PecOverviewSchema,
  RenewalSchema,
  ThreeWayMeetingSchema,
  TutorSchema,
} from "../../shared/contracts/pec.js";
import { auditRead } from "../platform/audit.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { answerCandidacy, proposeCandidate } from "./pecCandidacies.js";
import { pecCertificatePdf } from "./pecCertificatePdf.js";
import {
  completeCertificate,
  endContract,
  nameTutor,
  recordCertificateRequest,
  recordThreeWayMeeting,
  renewContract,
  signCertificate,
  signThreeWayMeeting,
} from "./pecContracts.js";
import { nameCompanyAdvisors, postPecOffer, withdrawPecOffer } from "./pecOffers.js";
import { readPecContract, readPecOffer, readPecOverview } from "./readPec.js";

const Created = z.object({ id: z.string() });

/** Parcours emploi compétences (ADR 0037, 000 art. 3.1 a): offers, candidacies, contracts, tutor, three-way meeting, certificate, exit. */
export const pecRoutes: RouteModule = (app, { db, mailer, config }) => {
  const tags = ["Parcours emploi compétences"];
  const access = { access: "authenticated" as const };
  const deps = { mailer, publicUrl: config.publicUrl };

  app.get("/api/pec", {
    config: access,
    schema: { tags, summary: "Mes parcours emploi compétences : conventions, employeurs et conseillers entreprise, offres, contrats", response: { 200: PecOverviewSchema } },
  }, async (request) => readPecOverview(db, requireUser(request), parisToday()));

  app.put("/api/pec/conventions/:id/company-advisors", {
    config: access,
    schema: { tags, summary: "Nommer les conseillers entreprise d’un employeur (nombre fixé par la convention)", params: UuidParamSchema, body: CompanyAdvisorsSchema, response: { 200: z.object({ named: z.number(), backups: z.number() }) } },
  }, async (request) => nameCompanyAdvisors(db, request.ctx, request.params.id, request.body));

  app.post("/api/pec/conventions/:id/offers", {
    config: access,
    schema: { tags, summary: "Transmettre une offre PEC à France Travail (ses conseillers entreprise sont avertis)", params: UuidParamSchema, body: NewPecOfferSchema, response: { 201: z.object({ id: z.string(), advisorsNotified: z.number() }) } },
  }, async (request, reply) => reply.code(201).send(await postPecOffer(db, deps, request.ctx, request.params.id, request.body)));

  app.get("/api/pec/offers/:id", {
    config: access,
    schema: { tags, summary: "Une offre PEC et ses candidatures", params: UuidParamSchema, response: { 200: PecOfferSchema } },
  }, async (request) => readPecOffer(db, requireUser(request), request.params.id, parisToday()));

  app.post("/api/pec/offers/:id/withdrawal", {
    config: access,
    schema: { tags, summary: "Retirer une offre ouverte (ses candidatures en attente sont refusées avec le motif)", params: UuidParamSchema, body: OfferWithdrawalSchema, response: { 200: z.object({ refusedCandidacies: z.number() }) } },
  }, async (request) => withdrawPecOffer(db, deps, request.ctx, request.params.id, request.body));

  app.post("/api/pec/offers/:id/candidacies", {
    config: access,
    schema: { tags, summary: "Proposer une personne de son territoire, avec le diagnostic qui fonde le PEC", params: UuidParamSchema, body: NewCandidacySchema, response: { 201: Created } },
  }, async (request, reply) => reply.code(201).send(await proposeCandidate(db, deps, request.ctx, request.params.id, request.body)));

  app.post("/api/pec/candidacies/:id/answer", {
    config: access,
    schema: { tags, summary: "Répondre à une candidature : acceptée (le contrat est créé) ou refusée avec son motif", params: UuidParamSchema, body: CandidacyAnswerSchema, response: { 200: z.object({ status: z.enum(["accepted", "refused"]), contractId: z.string().nullable() }) } },
  }, async (request) => answerCandidacy(db, deps, request.ctx, request.params.id, request.body));

  app.get("/api/pec/contracts/:id", {
    config: access,
    schema: { tags, summary: "Un contrat PEC : tuteur, entretien tripartite, attestation, sortie", params: UuidParamSchema, response: { 200: PecContractSchema } },
  }, async (request) => readPecContract(db, requireUser(request), request.params.id, parisToday()));

  app.put("/api/pec/contracts/:id/tutor", {
    config: access,
    schema: { tags, summary: "Nommer le tuteur (chaque condition de R5134-38 vérifiée)", params: UuidParamSchema, body: TutorSchema, response: { 200: z.object({ tutorId: z.string() }) } },
  }, async (request) => nameTutor(db, request.ctx, request.params.id, request.body));

  app.put("/api/pec/contracts/:id/meeting", {
    config: access,
    schema: { tags, summary: "Enregistrer l’entretien tripartite : compétences (ROME), actions de formation et d’accompagnement", params: UuidParamSchema, body: ThreeWayMeetingSchema, response: { 200: z.object({ skills: z.number() }) } },
  }, async (request) => recordThreeWayMeeting(db, request.ctx, request.params.id, request.body));

  app.post("/api/pec/contracts/:id/meeting/signatures", {
    config: access,
    schema: { tags, summary: "Enregistrer une signature de l’entretien tripartite", params: UuidParamSchema, body: MeetingSignatureSchema, response: { 200: z.object({ signer: z.string() }) } },
  }, async (request) => signThreeWayMeeting(db, request.ctx, request.params.id, request.body));

  app.post("/api/pec/contracts/:id/certificate/request", {
    config: access,
    schema: { tags, summary: "Enregistrer la demande d’attestation du salarié (l’échéance avance à ce jour)", params: UuidParamSchema, body: CertificateRequestSchema, response: { 200: z.object({ requestedOn: z.string() }) } },
  }, async (request) => recordCertificateRequest(db, request.ctx, request.params.id, request.body.requestedOn));

  app.put("/api/pec/contracts/:id/certificate", {
    config: access,
    schema: { tags, summary: "Compléter la partie du tuteur de l’attestation d’expérience professionnelle", params: UuidParamSchema, body: CertificateSchema, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => completeCertificate(db, request.ctx, request.params.id, request.body));

  app.post("/api/pec/contracts/:id/certificate/signature", {
    config: access,
    schema: { tags, summary: "Signer l’attestation pour l’employeur", params: UuidParamSchema, body: CertificateSignatureSchema, response: { 200: z.object({ signedOn: z.string() }) } },
  }, async (request) => signCertificate(db, request.ctx, request.params.id, request.body));

  app.get("/api/pec/contracts/:id/certificate.pdf", {
    config: access,
    schema: { tags, summary: "L’attestation d’expérience professionnelle en PDF", params: UuidParamSchema },
  }, async (request, reply) => {
    const ctx = requireUser(request);
    const contract = await readPecContract(db, ctx, request.params.id, parisToday(), { audit: false });
    const pdf = await pecCertificatePdf(contract);
    await auditRead(db, ctx, { action: "pec.certificate_downloaded", subjectType: "pec_contract", subjectId: contract.id, details: { signed: contract.certificate.signedOn !== null } });
    return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="attestation-experience-${contract.id.slice(0, 8)}.pdf"`).send(pdf);
  });

  app.post("/api/pec/contracts/:id/renewal", {
    config: access,
    schema: { tags, summary: "Renouveler le contrat (nouvelle date de fin)", params: UuidParamSchema, body: RenewalSchema, response: { 200: z.object({ endsOn: z.string() }) } },
  }, async (request) => renewContract(db, request.ctx, request.params.id, request.body.endsOn));

  app.post("/api/pec/contracts/:id/exit", {
    config: access,
    schema: { tags, summary: "Enregistrer la sortie du contrat et sa situation (emploi, formation, renouvellement, autre)", params: UuidParamSchema, body: ContractExitSchema, response: { 200: z.object({ exitOn: z.string() }) } },
  }, async (request) => endContract(db, request.ctx, request.params.id, request.body));
};
