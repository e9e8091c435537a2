import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES_FOLLOWING_UP } from '../domain/who-sees-people.ts';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  CloseBody,
  FollowUpResponse,
  IncidentIdParams,
  JointActionIdParams,
  JointActionListResponse,
  JointActionSchema,
  LeadAgencyBody,
  NewJointActionBody,
  NewOutcomeBody,
  OutcomeHeaders,
  OutcomeSchema,
  OutcomeStatsQuery,
  OutcomeStatsResponse,
  TargetsBody,
  TriageBody,
} from '../schemas/follow-up.ts';

const tags = ['follow-up'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WRITE = { access: ROLES_FOLLOWING_UP } as const;

/** The follow-up from report to outcome (issue #13): triage, lead agency, joint actions, outcomes, statistics. */
export const followUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/incidents/:id/follow-up',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'An incident’s follow-up: status, lead agency, joint actions, outcomes and its timeline, redacted by role',
        tags,
        params: IncidentIdParams,
        response: { 200: FollowUpResponse, ...errors },
      },
    },
    async (request) => app.followUp.read(signedInActorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents/:id/triage',
    {
      config: WRITE,
      schema: {
        summary: 'Triage a reported incident: verified or not substantiated (the same decision again changes nothing)',
        tags,
        params: IncidentIdParams,
        body: TriageBody,
        response: { 200: FollowUpResponse, ...errors },
      },
    },
    async (request) => app.followUp.triage(signedInActorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/incidents/:id/lead-agency',
    {
      config: WRITE,
      schema: {
        summary: 'Set the agency that leads the follow-up of an incident',
        tags,
        params: IncidentIdParams,
        body: LeadAgencyBody,
        response: { 200: FollowUpResponse, ...errors },
      },
    },
    async (request) => app.followUp.setLeadAgency(signedInActorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/incidents/:id/close',
    {
      config: WRITE,
      schema: {
        summary: 'Close an incident that has an outcome or was found not substantiated',
        tags,
        params: IncidentIdParams,
        body: CloseBody,
        response: { 200: FollowUpResponse, ...errors },
      },
    },
    async (request) => app.followUp.close(signedInActorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/joint-actions',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Joint actions (patroli bersama, operasi gabungan) whose area meets the caller’s, with their targets',
        tags,
        response: { 200: JointActionListResponse, ...errors },
      },
    },
    async (request) => app.followUp.listJointActions(signedInActorOf(request)),
  );

  app.get(
    '/api/joint-actions/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One joint action with its target list (people only for roles that may see people)',
        tags,
        params: JointActionIdParams,
        response: { 200: JointActionSchema, ...errors },
      },
    },
    async (request) => app.followUp.readJointAction(signedInActorOf(request), request.params.id),
  );

  app.post(
    '/api/joint-actions',
    {
      config: WRITE,
      schema: {
        summary:
          'Create a joint action inside the caller’s area: kind, days, agencies, kecamatan/desa, and a first target list (e.g. from a hot spot or cluster)',
        tags,
        body: NewJointActionBody,
        response: { 201: JointActionSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return app.followUp.createJointAction(signedInActorOf(request), request.body);
    },
  );

  app.post(
    '/api/joint-actions/:id/targets',
    {
      config: WRITE,
      schema: {
        summary: 'Add targets to a joint action (each once): places, incidents, workplaces, people (intel)',
        tags,
        params: JointActionIdParams,
        body: TargetsBody,
        response: { 200: JointActionSchema, ...errors },
      },
    },
    async (request) => app.followUp.addTargets(signedInActorOf(request), request.params.id, request.body.targets),
  );

  app.post(
    '/api/outcomes',
    {
      config: WRITE,
      schema: {
        summary:
          'Record what came of an incident or of one person (deportation, another administrative measure, pro justitia, warning, not substantiated). With an Idempotency-Key, a retry answers 200 with the first recording',
        tags,
        headers: OutcomeHeaders,
        body: NewOutcomeBody,
        response: { 200: OutcomeSchema, 201: OutcomeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const outcome = await app.followUp.recordOutcome(
        signedInActorOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      reply.code(outcome.replayed ? 200 : 201);
      return outcome;
    },
  );

  app.get(
    '/api/outcomes/stats',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'People per outcome kind and month inside the caller’s area (for the meeting), and how many reports were filed, triaged and have an outcome; disclosure-controlled for roles that may not see people',
        tags,
        querystring: OutcomeStatsQuery,
        response: { 200: OutcomeStatsResponse, ...errors },
      },
    },
    async (request) => app.followUp.stats(signedInActorOf(request), request.query),
  );
};
