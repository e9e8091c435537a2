import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  ImmigrationOfficeListResponse,
  ImmigrationOfficeSchema,
  OfficeChangeBody,
  OfficeCodeParams,
} from '../schemas/immigration-offices.ts';

/** The immigration offices of the seven provinces (issue #12): every role reads them, an admin corrects one. */
export const immigrationOfficeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/immigration-offices',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The immigration offices (Kanim) of the seven provinces: location and working area',
        tags: ['offices'],
        response: { 200: ImmigrationOfficeListResponse, 401: ErrorSchema },
      },
    },
    async () => ({ offices: await app.immigrationOffices.listOffices() }),
  );

  app.put(
    '/api/immigration-offices/:code',
    {
      config: { access: ['admin'] },
      schema: {
        summary: 'Correct an office’s location, town or working area (admin, on the version read; audited)',
        tags: ['offices'],
        params: OfficeCodeParams,
        body: OfficeChangeBody,
        response: {
          200: ImmigrationOfficeSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request) => app.immigrationOffices.updateOffice(signedInActorOf(request), request.params.code, request.body),
  );
};
