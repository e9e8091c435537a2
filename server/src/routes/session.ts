import { markKeptOwner } from '../plugins/kept-owner.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/actor.ts';
import { notSignedIn } from '../plugins/auth.ts';
import { ErrorSchema } from '../schemas/common.ts';
import { PresentationBody, SessionResponse, SignInBody } from '../schemas/session.ts';
import { SESSION_COOKIE } from '../services/session-service.ts';

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.cookieSecure } as const;

  app.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: 4096,
      schema: {
        summary: 'Sign in: sets the session cookie, returns the account and the CSRF token',
        tags: ['session'],
        body: SignInBody,
        response: { 200: SessionResponse, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { token, csrfToken, account } = await app.sessions.signIn(
        actorOf(request),
        request.body.username,
        request.body.password,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, cookieOptions).header('cache-control', 'no-store');
      return { account, csrfToken, presenting: false };
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        summary: 'The signed-in account and its CSRF token; 401 when not signed in',
        tags: ['session'],
        response: { 200: SessionResponse, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      // Kept by the account's own browser only (checked with us before each use), so the app opens offline; the web
      // drops it on sign-out and when another account signs in (ADR 0014). A 401 is never kept.
      reply.header('cache-control', request.session ? 'private, no-cache' : 'no-store');
      if (!request.session) throw notSignedIn(false);
      markKeptOwner(request, reply);
      const { account, csrfToken, presenting } = request.session;
      return { account, csrfToken, presenting };
    },
  );

  app.put(
    '/api/session/presentation',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          "Presentation mode on or off for this session: while on, the server answers it as the projector's viewer role (audited)",
        tags: ['session'],
        body: PresentationBody,
        response: { 200: SessionResponse, 400: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = await app.sessions.setPresentation(actorOf(request), request.session!, request.body.presenting);
      return { account: session.account, csrfToken: session.csrfToken, presenting: session.presenting };
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'anyAccount' },
      schema: {
        summary: 'Sign out: ends the session on the server',
        tags: ['session'],
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await app.sessions.signOut(actorOf(request), request.session);
      // The browser's HTTP cache may hold this account's `private, no-cache` answers (ADR 0014): emptied on sign-out.
      reply.clearCookie(SESSION_COOKIE, cookieOptions).header('clear-site-data', '"cache"').code(204);
      return null;
    },
  );
};
