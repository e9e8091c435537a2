/**
 * Analysis near the border (issue #5): distance bands, DBSCAN clusters, H3 counts, Gi* hot spots, emerging hot spots
 * and the change between two periods. Each answers JSON for the app, or with `format=csv|geojson` a file to download
 * with the parameters written into it (each download audited).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  BorderBandQuery,
  BorderBandResponse,
  ClusterQuery,
  ClusterResponse,
  HexagonQuery,
  HexagonResponse,
} from '../schemas/distribution-analysis.ts';
import {
  ChangeQuery,
  ChangeResponse,
  EmergingQuery,
  EmergingResponse,
  HotSpotQuery,
  HotSpotResponse,
} from '../schemas/analysis.ts';
import type { ExportFormat, ExportTable } from '../services/analysis-export.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema };

type Format = 'json' | ExportFormat;

/** Feature lists (hot spots, emerging, change) as export tables: every property but the outline is a column. */
function featureTable(result: {
  analysis: string;
  parameters: Record<string, unknown>;
  features: ({ geometry: unknown } & Record<string, unknown>)[];
}): ExportTable {
  const columns = Object.keys(result.features[0] ?? {}).filter((key) => key !== 'geometry');
  return {
    analysis: result.analysis,
    parameters: result.parameters,
    columns,
    rows: result.features.map(({ geometry, ...properties }) => ({ properties, geometry })),
  };
}

export const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  /** Answers JSON, or the result as a file to download (the export service audits it). */
  async function answer<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    format: Format,
    result: T,
    table: (result: T) => ExportTable,
  ) {
    if (format === 'json') return result;
    const file = await app.analysisExport.exportAnalysis(actorOf(request), format, table(result));
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
  }

  app.get(
    '/api/analysis/border-bands',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'People, incidents and desa per distance band to the land border, the sea boundary or the nearest',
        tags: ['analysis'],
        querystring: BorderBandQuery,
        response: { 200: BorderBandResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const result = await app.layers.summariseBorderBands(request.account!, query);
      return answer(request, reply, format, result, (bands) => ({
        analysis: 'border-bands',
        parameters: { ...query, borderKind: bands.kind },
        columns: ['minKm', 'maxKm', 'residents', 'incidents', 'desa'],
        rows: bands.bands.map((band) => ({ properties: band, geometry: null })),
      }));
    },
  );

  app.get(
    '/api/analysis/clusters',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'DBSCAN clusters of incidents, residents or workplaces: hull, size, make-up, time span, distance to the border',
        tags: ['analysis'],
        querystring: ClusterQuery,
        response: { 200: ClusterResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { layer, distanceM, minPoints, format, ...filters } = request.query;
      const result = await app.analysis.findClusters(request.account!, layer, distanceM, minPoints, filters);
      return answer(request, reply, format, result, (clusters) => ({
        analysis: 'clusters',
        parameters: { layer, ...clusters.parameters },
        columns: [
          'rank',
          'size',
          'lon',
          'lat',
          'from',
          'to',
          'landBorderKm',
          'seaBorderKm',
          'types',
          'nationalities',
          'memberIds',
        ],
        rows: clusters.clusters.map(({ hull, ...properties }) => ({ properties, geometry: hull })),
      }));
    },
  );

  app.get(
    '/api/analysis/hexagons',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Counts per H3 cell of incidents, residents or workplaces (small counts of people redacted by role)',
        tags: ['analysis'],
        querystring: HexagonQuery,
        response: { 200: HexagonResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { layer, resolution, geometry, format, ...filters } = request.query;
      // A GeoJSON file always has the polygons.
      const shapes = geometry || format === 'geojson';
      const result = await app.analysis.countHexagons(request.account!, layer, resolution, filters, shapes);
      return answer(request, reply, format, result, (hexagons) => ({
        analysis: 'hexagons',
        parameters: { layer, ...hexagons.parameters },
        columns: ['h3', 'lon', 'lat', 'count'],
        rows: hexagons.cells.map(({ geometry, ...properties }) => ({ properties, geometry })),
      }));
    },
  );

  app.get(
    '/api/analysis/hotspots',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Getis-Ord Gi* hot and cold spots over desa or H3 cells: z, p, FDR-adjusted p, 90/95/99 % classes',
        tags: ['analysis'],
        querystring: HotSpotQuery,
        response: { 200: HotSpotResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { layer, unit, resolution, neighbours, k, distanceKm, fdr, format, ...filters } = request.query;
      const options = {
        unit,
        resolution,
        neighbours,
        k,
        distanceKm,
        fdr,
        scope: format === 'json' ? ('significant' as const) : ('all' as const),
        outlines: format !== 'csv',
      };
      const result = await app.hotSpots.findHotSpots(request.account!, layer, options, filters);
      return answer(request, reply, format, result, featureTable);
    },
  );

  app.get(
    '/api/analysis/emerging-hotspots',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'Emerging hot spots over desa: Gi* per month or quarter and a Mann-Kendall trend, classed new, intensifying, persistent, diminishing or sporadic',
        tags: ['analysis'],
        querystring: EmergingQuery,
        response: { 200: EmergingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { layer, slice, neighbours, k, distanceKm, fdr, format, ...filters } = request.query;
      const options = {
        slice,
        neighbours,
        k,
        distanceKm,
        fdr,
        scope: format === 'json' ? ('significant' as const) : ('all' as const),
        outlines: format !== 'csv',
      };
      const result = await app.hotSpots.findEmergingHotSpots(request.account!, layer, options, filters);
      return answer(request, reply, format, result, featureTable);
    },
  );

  app.get(
    '/api/analysis/change',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'Counts per desa, kecamatan or kabupaten in two periods and the change (default: this quarter against the last)',
        tags: ['analysis'],
        querystring: ChangeQuery,
        response: { 200: ChangeResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { layer, level, format, ...filters } = request.query;
      const result = await app.hotSpots.comparePeriods(request.account!, layer, level, {
        ...filters,
        scope: format === 'json' ? 'significant' : 'all',
        outlines: format !== 'csv',
      });
      return answer(request, reply, format, result, featureTable);
    },
  );
};
