import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES_IMPORTING } from '../domain/who-sees-people.ts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import type { ImportKind } from '../uploads/fields.ts';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  CommitResponse,
  CorrectCellsBody,
  ImportIdParams,
  PreviewBody,
  PreviewResponse,
  TemplateParams,
  UploadResponse,
} from '../schemas/imports.ts';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const KINDS: readonly ImportKind[] = ['residents', 'workplaces', 'incidents'];
const errors = {
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  422: ErrorSchema,
};

const tooLarge = () =>
  new AppError(413, 'FILE_TOO_LARGE', {
    id: `Berkas terlalu besar (maksimum ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). Pecah menjadi beberapa berkas.`,
    en: `The file is too large (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). Split it into several files.`,
  });

const tooManyParts = () =>
  new AppError(413, 'TOO_MANY_PARTS', {
    id: 'Kirim satu berkas dan kolom "kind" saja.',
    en: 'Send one file and the "kind" field only.',
  });

const malformed = () =>
  new AppError(400, 'MALFORMED_MULTIPART', {
    id: 'Isi permintaan bukan multipart/form-data yang utuh (batas/boundary salah atau terpotong). Unggah ulang berkasnya.',
    en: 'The request body is not complete multipart/form-data (a wrong or cut boundary). Upload the file again.',
  });

/**
 * The kind field and the one file of a multipart upload. Whatever busboy cannot make sense of (a boundary that does
 * not match the header, a body cut before its closing boundary) is the client's doing and answers 400, not 500.
 */
async function readParts(request: FastifyRequest) {
  let kind: string | undefined;
  let upload: { fileName: string; buffer: Buffer } | undefined;
  let partsSeen = 0;
  try {
    for await (const part of request.parts()) {
      partsSeen += 1;
      if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
      else if (part.type === 'file') upload = { fileName: part.filename, buffer: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooManyParts();
    if (error instanceof AppError) throw error;
    throw malformed();
  }
  if (partsSeen === 0) throw malformed();
  return { kind, upload };
}

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/api/imports',
    {
      config: { access: ROLES_IMPORTING },
      bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024,
      schema: {
        summary: 'Upload a CSV, XLSX or GeoJSON of residents, workplaces or incidents (multipart: kind, file)',
        tags: ['imports'],
        consumes: ['multipart/form-data'],
        response: { 201: UploadResponse, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(415, 'NOT_MULTIPART', {
          id: 'Kirim berkas sebagai multipart/form-data.',
          en: 'Send the file as multipart/form-data.',
        });
      }
      const { kind, upload } = await readParts(request);
      if (!kind || !KINDS.includes(kind as ImportKind)) {
        throw new AppError(400, 'INVALID_KIND', {
          id: `Jenis impor harus salah satu dari: ${KINDS.join(', ')}.`,
          en: `The import kind must be one of: ${KINDS.join(', ')}.`,
        });
      }
      if (!upload)
        throw new AppError(400, 'NO_FILE', { id: 'Tidak ada berkas yang diunggah.', en: 'No file was uploaded.' });
      reply.code(201);
      return app.imports.upload(request.account!, kind as ImportKind, upload.fileName, upload.buffer);
    },
  );

  app.get(
    '/api/imports/templates/:kind',
    {
      // Residents' template only for the roles that may import residents: the service answers 403 to the others.
      config: { access: ROLES_IMPORTING },
      schema: {
        summary: 'A CSV template of one kind: the headers the column mapper recognises and one example row',
        tags: ['imports'],
        params: TemplateParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV (semicolon-separated, UTF-8 with BOM)' }), ...errors },
      },
    },
    async (request, reply) => {
      const template = app.imports.template(request.account!, request.params.kind);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${template.fileName}"`)
        .send(template.csv);
    },
  );

  app.post(
    '/api/imports/:id/preview',
    {
      config: { access: ROLES_IMPORTING },
      schema: {
        summary: 'Check every row with a column mapping: the bad rows with their line numbers and reasons',
        tags: ['imports'],
        params: ImportIdParams,
        body: PreviewBody,
        response: { 200: PreviewResponse, ...errors },
      },
    },
    async (request) => app.imports.preview(request.account!, request.params.id, request.body.mapping),
  );

  app.patch(
    '/api/imports/:id/cells',
    {
      config: { access: ROLES_IMPORTING },
      schema: {
        summary: 'Correct cells of an uploaded file (line + column → new text) and check every row again',
        tags: ['imports'],
        params: ImportIdParams,
        body: CorrectCellsBody,
        response: { 200: PreviewResponse, ...errors },
      },
    },
    async (request) =>
      app.imports.correctCells(request.account!, request.params.id, request.body.cells, request.body.mapping),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: ROLES_IMPORTING },
      schema: {
        summary: 'Save every row, or none when any row is bad (422 with the list); recorded in the audit trail',
        tags: ['imports'],
        params: ImportIdParams,
        response: { 200: CommitResponse, ...errors },
      },
    },
    async (request) => app.imports.commit(signedInActorOf(request), request.params.id),
  );
};
