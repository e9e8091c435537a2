import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  NotificationIdParams,
  NotificationListResponse,
  OfficeCodeParams,
  OfficeRuleBody,
  OfficeRuleParams,
  OfficeRulesSchema,
  SnoozeBody,
  SubscriptionsBody,
  SubscriptionsSchema,
  UnreadResponse,
} from '../schemas/notifications.ts';
import { ADMIN_ONLY } from '../services/access-policy.ts';
import { ROLES_ALERTED } from '../services/alert-service.ts';
import { SESSION_COOKIE } from '../services/session-service.ts';

const ACCESS = { access: ROLES_ALERTED } as const;
const tags = ['notifications'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
/** A comment line now and then keeps proxies and the browser from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/** The notification centre (issue #13): the caller's alerts, a live unread count, acknowledge and snooze. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streams = new Set<() => void>();
  // Before the server waits for its connections to end: an open stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    '/api/notifications',
    {
      config: ACCESS,
      schema: {
        summary: "The caller's alerts, the newest first, and how many are unread",
        tags,
        response: { 200: NotificationListResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.alerts.list(signedInActorOf(request));
    },
  );

  app.get(
    '/api/notifications/settings',
    {
      config: ACCESS,
      schema: {
        summary: 'Which rules the caller is told of, in the app and by e-mail, and its e-mail address',
        tags,
        response: { 200: SubscriptionsSchema, ...errors },
      },
    },
    async (request) => app.alerts.subscriptions(signedInActorOf(request)),
  );

  app.put(
    '/api/notifications/settings',
    {
      config: ACCESS,
      schema: {
        summary: 'Change the caller’s subscriptions (audited); alerts by e-mail need an address',
        tags,
        body: SubscriptionsBody,
        response: { 200: SubscriptionsSchema, ...errors },
      },
    },
    async (request) => app.alerts.saveSubscriptions(signedInActorOf(request), request.body),
  );

  app.get(
    '/api/offices/:code/alert-rules',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'The alert rules as they apply to the regions an immigration office serves (defaults unless adjusted)',
        tags,
        params: OfficeCodeParams,
        response: { 200: OfficeRulesSchema, ...errors },
      },
    },
    async (request) => app.alerts.officeRules(request.params.code),
  );

  app.put(
    '/api/offices/:code/alert-rules/:rule',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'Adjust one alert rule for an office: on or off, and its parameters (audited)',
        tags,
        params: OfficeRuleParams,
        body: OfficeRuleBody,
        response: { 200: OfficeRulesSchema, ...errors },
      },
    },
    async (request) =>
      app.alerts.saveOfficeRule(signedInActorOf(request), request.params.code, request.params.rule, request.body),
  );

  app.get(
    '/api/notifications/stream',
    {
      config: ACCESS,
      schema: {
        summary:
          'Server-sent events: `unread` with the caller’s unread count at once and whenever it changes (a new alert, an acknowledgement, in any server process)',
        tags,
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const accountId = signedInActorOf(request).account.id;
      const token = request.cookies[SESSION_COOKIE] ?? '';
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      let last = -1;
      /** The stream lasts as long as its session: signed out, expired or revoked, it ends. */
      const stillSignedIn = async () => (await app.sessions.liveAccountOf(token).catch(() => null)) === accountId;
      const send = async () => {
        if (!(await stillSignedIn())) return end();
        const unread = await app.alerts.unread(accountId);
        if (unread === last || raw.writableEnded) return;
        last = unread;
        raw.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
      };
      const unsubscribe = app.notificationHub.subscribe(accountId, () => {
        send().catch(() => undefined);
      });
      const heartbeat = setInterval(() => {
        stillSignedIn()
          .then((signedIn) => (signedIn ? raw.write(': keep-alive\n\n') : end()))
          .catch(() => end());
      }, HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      raw.on('close', end);
      await send().catch(() => end());
    },
  );

  app.post(
    '/api/notifications/:id/ack',
    {
      config: ACCESS,
      schema: {
        summary: 'Acknowledge one of the caller’s alerts (audited)',
        tags,
        params: NotificationIdParams,
        response: { 200: UnreadResponse, ...errors },
      },
    },
    async (request) => app.alerts.mark(signedInActorOf(request), request.params.id, { read: true }),
  );

  app.post(
    '/api/notifications/:id/snooze',
    {
      config: ACCESS,
      schema: {
        summary: 'Snooze one of the caller’s alerts for some minutes: it leaves the unread count until then (audited)',
        tags,
        params: NotificationIdParams,
        body: SnoozeBody,
        response: { 200: UnreadResponse, ...errors },
      },
    },
    async (request) =>
      app.alerts.mark(signedInActorOf(request), request.params.id, { snoozeMinutes: request.body.minutes }),
  );
};
