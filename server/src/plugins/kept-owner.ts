/**
 * Whose an answer a browser may keep is (issue #14, ADR 0014): `x-pantau-owner: <account id>:<own|presenting>` on
 * every `private, no-cache` answer of an account. The service worker keeps and serves from its cache only the answers
 * of the owner the page last told it, so an answer still on its way when the account or the mode changed never lands
 * in the next one's cache.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const OWNER_HEADER = 'x-pantau-owner';

export function markKeptOwner(request: FastifyRequest, reply: FastifyReply): void {
  if (!request.account) return;
  reply.header(OWNER_HEADER, `${request.account.id}:${request.session?.presenting ? 'presenting' : 'own'}`);
}
