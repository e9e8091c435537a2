/** The desa binaan planner's one answer (issue #12): every candidate desa with the facts its score rests on. */
import { Type } from 'typebox';
import { DisclosureControl, Nullable } from './response-parts.ts';

export const PlannerQuery = Type.Object(
  {
    region: Type.Optional(
      Type.String({
        pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2})?)?$',
        description: 'A province, kabupaten or kecamatan code',
      }),
    ),
  },
  { additionalProperties: false },
);

const Km = Nullable(Type.Number());

export const PlannerCandidatesResponse = Type.Object({
  disclosureControl: DisclosureControl,
  period: Type.Object({ from: Type.String(), to: Type.String() }, { description: 'The incidents’ 12 months' }),
  weights: Type.Record(Type.String(), Type.Number(), { description: 'The documented default weights' }),
  incidentTypeWeights: Type.Record(Type.String(), Type.Number()),
  distanceScaleKm: Type.Record(Type.String(), Type.Number()),
  normalisation: Type.Record(Type.String(), Type.String()),
  candidates: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kecamatan: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      foreigners: Type.Integer({ description: 'Residents as the role may see them (a withheld count as 0)' }),
      workers: Type.Integer({ description: 'Foreign workers as the role may see them (a withheld count as 0)' }),
      incidentsByType: Type.Record(Type.String(), Type.Integer()),
      landBorderKm: Km,
      seaBorderKm: Km,
      officeKm: Km,
      binaanKm: Km,
    }),
  ),
});
