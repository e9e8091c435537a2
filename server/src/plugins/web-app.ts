/** Serves the built SvelteKit app (web/build) on the same origin as the API; unknown paths get index.html. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerWebApp(app: FastifyInstance, buildDir: string): Promise<boolean> {
  if (!existsSync(path.join(buildDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: buildDir,
    wildcard: true,
    index: ['index.html'],
    setHeaders(response, filePath) {
      // SvelteKit fingerprints everything under _app/immutable, so those files never change.
      if (filePath.includes(`${path.sep}_app${path.sep}immutable${path.sep}`)) {
        response.header('cache-control', 'public, max-age=31536000, immutable');
      } else {
        response.header('cache-control', 'no-cache');
      }
    },
  });
  return true;
}
