/**
 * The guard every request passes: resolves the session from its cookie, enforces the route's `config.access`,
 * checks CSRF on state-changing requests, and writes failed authorisations to the audit trail. A route registered
 * without an access rule stops the server from starting.
 */
import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/pool.ts';
import type { Account } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import { isAllowed, type RouteAccess } from '../services/access-policy.ts';
import type { AuditService } from '../services/audit.ts';
import { SESSION_COOKIE, type ResolvedSession, type SessionService } from '../services/session-service.ts';
import { actorOf } from './actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; required on every route. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    account: Account | null;
    session: ResolvedSession | null;
  }
  interface FastifyInstance {
    /** Every route and its access rule, as registered: the authorization-matrix test reads it. */
    routeAccessTable: { method: string; url: string; access: RouteAccess }[];
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

/** Routes added by plugins we do not write ourselves: the built web app is public, the API docs are not. */
function accessForPluginRoute(url: string): RouteAccess | undefined {
  if (url.startsWith('/api/docs')) return 'signedIn';
  if (url === '/*' || url === '/') return 'public';
  return undefined;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const notSignedIn = (expired: boolean): AppError =>
  expired
    ? new AppError(401, 'SESSION_EXPIRED', {
        id: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
        en: 'Your session has ended. Please sign in again.',
      })
    : new AppError(401, 'NOT_SIGNED_IN', { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' });

const forbidden = () =>
  new AppError(403, 'FORBIDDEN', {
    id: 'Peran akun Anda tidak diizinkan melakukan ini.',
    en: 'Your account’s role is not allowed to do this.',
  });

const csrfRejected = () =>
  new AppError(403, 'CSRF_REJECTED', {
    id: 'Permintaan ditolak: token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman.',
    en: 'Request refused: the security (CSRF) token is missing or wrong. Reload the page.',
  });

const crossSiteRejected = () =>
  new AppError(403, 'CROSS_SITE_REJECTED', {
    id: 'Permintaan ditolak: dikirim dari situs lain. Buka Pantau dari alamatnya sendiri.',
    en: 'Request refused: it was sent from another site. Open Pantau at its own address.',
  });

/**
 * The browser says where a request comes from (Origin, or Sec-Fetch-Site when it sends no Origin); a request that
 * says neither (curl, a script) is not a browser being tricked and passes. `publicUrl` is the address people open
 * when a proxy in front rewrites the Host header.
 */
function isSameOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin) return request.headers['sec-fetch-site'] !== 'cross-site';
  if (publicUrl && origin === publicUrl) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export async function registerAuth(
  app: FastifyInstance,
  deps: { sessions: SessionService; audit: AuditService; cookieSecure: boolean; publicUrl?: string },
): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('account', null);
  app.decorateRequest('session', null);
  app.decorate('routeAccessTable', []);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? accessForPluginRoute(route.url);
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access rule (config.access)`);
    }
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) app.routeAccessTable.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request, reply) => {
    // Unknown paths reach the not-found handler, which has no rule: it answers 404 or the web app's page.
    const access = request.routeOptions.config?.access ?? 'public';
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const lookup = await deps.sessions.resolve(token).catch((error: unknown) => {
        // A public route (health, the web app) still answers while the database is away, as if anonymous.
        if (access === 'public' && isDatabaseUnavailable(error)) return { session: null, expired: false } as const;
        throw error;
      });
      if (lookup.session) {
        request.session = lookup.session;
        request.account = lookup.session.account;
      } else {
        expired = lookup.expired;
        reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure });
      }
    }
    if (!isAllowed(access, request.account?.role ?? null)) {
      if (!request.account) {
        if (expired)
          await deps.audit.record(actorOf(request), {
            action: 'authorization.denied',
            outcome: 'denied',
            details: { reason: 'session_expired', url: request.routeOptions.url },
          });
        throw notSignedIn(expired);
      }
      await deps.audit.record(actorOf(request), {
        action: 'authorization.denied',
        outcome: 'denied',
        details: { reason: 'role', method: request.method, url: request.routeOptions.url },
      });
      throw forbidden();
    }
    if (STATE_CHANGING.has(request.method)) {
      // Another site may not change anything here, whatever it sends: not sign in, not sign out, not anything else.
      // With a session, the CSRF token is checked as well.
      const header = request.headers[CSRF_HEADER];
      const reason = !isSameOrigin(request, deps.publicUrl)
        ? 'cross_site'
        : request.session && !sameToken(request.session.csrfToken, Array.isArray(header) ? header[0] : header)
          ? 'csrf'
          : null;
      if (reason) {
        await deps.audit.record(actorOf(request), {
          action: 'authorization.denied',
          outcome: 'denied',
          details: { reason, method: request.method, url: request.routeOptions.url },
        });
        throw reason === 'csrf' ? csrfRejected() : crossSiteRejected();
      }
    }
  });
}
