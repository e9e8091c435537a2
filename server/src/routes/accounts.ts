import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/actor.ts';
import { withoutSecret } from '../repositories/account-repository.ts';
import {
  AccountChangesBody,
  AccountIdParams,
  AccountListResponse,
  AccountResponse,
  AgencyListResponse,
  CreatedAccountResponse,
  NewAccountBody,
  PasswordResetResponse,
  SettingsChangeSchema,
  SettingsSchema,
} from '../schemas/accounts.ts';
import { ErrorSchema } from '../schemas/common.ts';
import { ADMIN_ONLY } from '../services/access-policy.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Account data is personal data of staff: never cached anywhere.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/agencies',
    {
      config: { access: 'signedIn' },
      schema: { summary: 'The agencies of TIMPORA', tags: ['accounts'], response: { 200: AgencyListResponse } },
    },
    async () => ({ agencies: await app.accounts.listAgencies() }),
  );

  app.get(
    '/api/accounts',
    {
      config: { access: ADMIN_ONLY },
      schema: { summary: 'Every account', tags: ['accounts'], response: { 200: AccountListResponse } },
    },
    async () => ({ accounts: (await app.accounts.listAccounts()).map(withoutSecret) }),
  );

  app.post(
    '/api/accounts',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'Create an account; its first password is generated and returned once',
        tags: ['accounts'],
        body: NewAccountBody,
        response: { 201: CreatedAccountResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return app.accountAdmin.createAccount(actorOf(request), request.body);
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'Change an account: name, role, agency, area, active',
        tags: ['accounts'],
        params: AccountIdParams,
        body: AccountChangesBody,
        response: { 200: AccountResponse, ...errors },
      },
    },
    async (request) => ({
      account: await app.accountAdmin.updateAccount(actorOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/api/accounts/:id/password-reset',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'Reset a password: a temporary one is returned once and the account’s sessions end',
        tags: ['accounts'],
        params: AccountIdParams,
        response: { 200: PasswordResetResponse, ...errors },
      },
    },
    async (request) => ({
      temporaryPassword: (await app.accountAdmin.resetPassword(actorOf(request), request.params.id)).temporaryPassword,
    }),
  );

  app.delete(
    '/api/accounts/:id/sessions',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'End every session of an account (a lost laptop, a departed officer)',
        tags: ['accounts'],
        params: AccountIdParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await app.accountAdmin.endSessions(actorOf(request), request.params.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/settings',
    {
      config: { access: ADMIN_ONLY },
      schema: { summary: 'Settings', tags: ['accounts'], response: { 200: SettingsSchema } },
    },
    async () => app.settings.read(),
  );

  app.patch(
    '/api/settings',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'Change settings',
        tags: ['accounts'],
        body: SettingsChangeSchema,
        response: { 200: SettingsSchema, ...errors },
      },
    },
    async (request) => app.settings.update(actorOf(request), request.body),
  );
};
