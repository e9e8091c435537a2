/**
 * The edge between HTTP and the services: a request becomes an `Actor` (server/src/domain/actor.ts) here, and only
 * here, so no service sees Fastify's types.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor, SignedInActor } from '../domain/actor.ts';

/** Who makes this request: the account the auth hook resolved (or none), the address and the request id. */
export function actorOf(request: FastifyRequest): Actor {
  return { account: request.account, ip: request.ip, requestId: request.id, via: 'request' };
}

/**
 * The same, for a route whose access rule lets only signed-in accounts through: the auth hook has refused everyone
 * else before the handler runs, so a missing account here is a route registered with the wrong rule.
 */
export function signedInActorOf(request: FastifyRequest): SignedInActor {
  const actor = actorOf(request);
  if (!actor.account) throw new Error(`Route ${request.routeOptions.url} needs a signed-in account`);
  return actor as SignedInActor;
}
