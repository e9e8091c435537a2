/** Printed exports (issue #11): the region brief as a PDF. */
import { Type, type Static } from 'typebox';
import { PeriodDay } from './common.ts';

export const BriefQuery = Type.Object(
  {
    region: Type.String({
      pattern: '^\\d{2}\\.\\d{2}(\\.\\d{2})?$',
      description: 'A kabupaten (NN.NN) or kecamatan (NN.NN.NN) code inside the caller’s area',
    }),
    from: Type.Optional(PeriodDay('First day of the period (default: 12 calendar months back)')),
    to: Type.Optional(PeriodDay('Last day of the period (default: today)')),
    lang: Type.Union([Type.Literal('id'), Type.Literal('en')], {
      default: 'id',
      description: 'Language and number/date formats of the brief',
    }),
  },
  { additionalProperties: false },
);
export type BriefQuery = Static<typeof BriefQuery>;

/** The document's bytes: a string of binary in the OpenAPI document, a Buffer to the route. */
export const PdfFile = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'A PDF document (application/pdf)',
});

/** A map image the browser is about to save (issue #11): recorded before the download starts. */
export const ImageExportBody = Type.Object(
  {
    size: Type.Union([Type.Literal('1920x1080'), Type.Literal('3840x2160')], { description: 'Pixels of the PNG' }),
    title: Type.String({ minLength: 1, maxLength: 160, description: 'The title drawn on the image' }),
    link: Type.String({
      maxLength: 2000,
      pattern: "^[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*$",
      description: 'The view drawn (the map link’s hash, without #)',
    }),
  },
  { additionalProperties: false },
);
export type ImageExportBody = Static<typeof ImageExportBody>;

export const ImageExportResponse = Type.Object({
  recordedAt: Type.String({ description: 'When the export was recorded in the audit trail' }),
});

/** An agenda's handout (issue #11): the language it is printed in; the agenda is the path's `id`. */
export const HandoutQuery = Type.Object(
  {
    lang: Type.Union([Type.Literal('id'), Type.Literal('en')], {
      default: 'id',
      description: 'Language and number/date formats of the handout',
    }),
  },
  { additionalProperties: false },
);
export type HandoutQuery = Static<typeof HandoutQuery>;
