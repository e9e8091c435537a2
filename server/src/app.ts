/**
 * Builds the Fastify app: external plugins (swagger, static), then the repositories and services it decorates,
 * then the routes. One error handler turns every failure into `{ code, message: { id, en } }`.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import AjvCompiler from '@fastify/ajv-compiler';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from './config.ts';
import { isDatabaseUnavailable, type Pool } from './db/pool.ts';
import { AppError, clientError, databaseUnavailable, validationError } from './errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { contentSecurityPolicy } from './plugins/content-security-policy.ts';
import { registerWebApp } from './plugins/web-app.ts';
import { createAccountRepository, type AccountRepository } from './repositories/account-repository.ts';
import { createAuditRepository, type AuditRepository } from './repositories/audit-repository.ts';
import { createBoundaryRepository, type BoundaryRepository } from './repositories/boundary-repository.ts';
import { createAnalysisRepository } from './repositories/analysis-repository.ts';
import { createBriefGeometryQueries } from './repositories/brief-geometry-queries.ts';
import { createImportRepository } from './repositories/import-repository.ts';
import { createOperationalRepository } from './repositories/operational-repository.ts';
import { createSavedViewRepository } from './repositories/saved-view-repository.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { importRoutes } from './routes/imports.ts';
import { chartRoutes } from './routes/charts.ts';
import { layerRoutes } from './routes/layers.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { regionRoutes } from './routes/regions.ts';
import { savedViewRoutes } from './routes/saved-views.ts';
import { sessionRoutes } from './routes/session.ts';
import { tileRoutes } from './routes/tiles.ts';
import { ErrorSchema, withNumericBounds } from './schemas/common.ts';
import { createAccountService, type AccountService } from './services/account-service.ts';
import { createAuditService, type AuditService } from './services/audit.ts';
import { createAnalysisExportService, type AnalysisExportService } from './services/analysis-export.ts';
import { createAnalysisService, type AnalysisService } from './services/analysis-service.ts';
import { createHotSpotService, type HotSpotService } from './services/hot-spot-service.ts';
import { createImportService, type ImportService } from './services/import-service.ts';
import { createLayerService, type LayerService } from './services/layer-service.ts';
import { createImmigrationOfficeRepository } from './repositories/immigration-office-repository.ts';
import { immigrationOfficeRoutes } from './routes/immigration-offices.ts';
import {
  createImmigrationOfficeService,
  type ImmigrationOfficeService,
} from './services/immigration-office-service.ts';
import { createPlannerQueries } from './repositories/planner-queries.ts';
import { plannerRoutes } from './routes/planner.ts';
import { createPlannerService, type PlannerService } from './services/planner-service.ts';
import { createPlannerPlanRepository } from './repositories/planner-plan-repository.ts';
import { createPlannerPlanService, type PlannerPlanService } from './services/planner-plan-service.ts';
import { createExportGate } from './services/export-gate.ts';
import { createJobQueue, type JobQueue } from './jobs/job-queue.ts';
import { createAlertRepository } from './repositories/alert-repository.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { followUpRoutes } from './routes/follow-up.ts';
import { createAlertMail, type AlertMail } from './services/alert-mail.ts';
import { createFollowUpRepository } from './repositories/follow-up-repository.ts';
import { createFollowUpService, type FollowUpService } from './services/follow-up-service.ts';
import { createAlertService, type AlertService } from './services/alert-service.ts';
import { createNotificationHub, type NotificationHub } from './db/notification-hub.ts';
import { createImageExportService, type ImageExportService } from './services/image-export-service.ts';
import { createPdfBriefService, type PdfBriefService } from './services/pdf-brief.ts';
import { createPdfHandoutService, type PdfHandoutService } from './services/pdf-handout.ts';
import { createSavedViewService, type SavedViewService } from './services/saved-view-service.ts';
import { createSessionService, type SessionService } from './services/session-service.ts';
import { createSettingsService, type SettingsService } from './services/settings-service.ts';
import { createTileService, type TileService } from './services/tile-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    boundaries: BoundaryRepository;
    tiles: TileService;
    accounts: AccountRepository;
    auditLog: AuditRepository;
    audit: AuditService;
    sessions: SessionService;
    accountAdmin: AccountService;
    settings: SettingsService;
    layers: LayerService;
    imports: ImportService;
    analysis: AnalysisService;
    analysisExport: AnalysisExportService;
    hotSpots: HotSpotService;
    savedViews: SavedViewService;
    pdfBriefs: PdfBriefService;
    pdfHandouts: PdfHandoutService;
    immigrationOffices: ImmigrationOfficeService;
    planner: PlannerService;
    plannerPlans: PlannerPlanService;
    alerts: AlertService;
    alertMail: AlertMail;
    followUp: FollowUpService;
    notificationHub: NotificationHub;
    jobs: JobQueue | null;
    imageExports: ImageExportService;
  }
}

export interface AppOptions {
  config: Config;
  pool: Pool;
  logger?: FastifyServerOptions['logger'];
  /**
   * Whether this process runs the job queue (pg-boss: the alert rules on arriving data and on a schedule) and listens
   * for notifications. On by default; the tests turn it on where they test it.
   */
  jobs?: boolean;
  /**
   * Whether the job queue looks at the weekly digests and bursts every hour (default on). The tests that run the queue
   * turn it off, so an hour's turn never lands in the middle of a test; they run the digests on a day they choose.
   */
  digests?: boolean;
}

const VINTAGE_REFRESH_MS = 30_000;

/** Node's limit, stated: a request whose headers are larger is answered 431 before any route sees it. */
export const MAX_HEADER_BYTES = 16 * 1024;
/**
 * A request (a 20 MB upload included) must arrive within this: Node's own default, which Fastify turns off. Slow
 * headers are cut earlier, after Node's 60 s headersTimeout; both are answered 408 by answerClientError.
 */
const REQUEST_TIMEOUT_MS = 5 * 60_000;

type RequestValidator = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown };
type RouteSchema = { schema: unknown; httpPart?: string; method: string; url: string };
type BuildValidator = AjvCompiler.BuildCompilerFromPool;

/**
 * The first value the schema let through that no query can use: a number that is not finite (ajv coerces
 * `?limit=Infinity` to Infinity and then skips its bounds) or text with a NUL character (PostgreSQL cannot store it).
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
function findUnusableValue(data: unknown): { instancePath: string; keyword: 'finite' | 'noNulCharacter' } | null {
  const pending: [unknown, string][] = [[data, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { instancePath: path, keyword: 'finite' };
    if (typeof value === 'string' && value.includes('\u0000')) return { instancePath: path, keyword: 'noNulCharacter' };
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push([item, `${path}/${key}`]);
    }
  }
  return null;
}

/**
 * Query strings and path parameters are text, so their values are coerced to the schema's types (`?limit=5`); a JSON
 * body carries real numbers and booleans, so a string there stays a string and fails (`"peopleCount": "3"` is a 400).
 * Every schema gets default numeric bounds first, and what passes is checked for values no query can use.
 */
const buildRequestValidator: BuildValidator = (externalSchemas, ajvOptions) => {
  const compilers = AjvCompiler();
  const coercing = compilers(externalSchemas, ajvOptions);
  const strict = compilers(externalSchemas, {
    ...ajvOptions,
    customOptions: { ...ajvOptions?.customOptions, coerceTypes: false },
  } as typeof ajvOptions);
  return ((route: RouteSchema) => {
    const compile = (route.httpPart === 'body' ? strict : coercing) as unknown as (
      route: RouteSchema,
    ) => RequestValidator;
    const validate = compile({ ...route, schema: withNumericBounds(route.schema) });
    const checked: RequestValidator = (data, context) => {
      if (!validate(data, context)) {
        checked.errors = validate.errors;
        return false;
      }
      const unusable = findUnusableValue(data);
      checked.errors = unusable ? [{ ...unusable, params: {}, message: unusable.keyword }] : null;
      return unusable === null;
    };
    // Fastify passes the parent object only to validators with a schemaEnv, and ajv needs it to coerce a root value.
    checked.schemaEnv = validate.schemaEnv;
    return checked;
  }) as unknown as ReturnType<BuildValidator>;
};

/**
 * Errors Node's HTTP parser meets before Fastify has a request (headers over MAX_HEADER_BYTES, a malformed request
 * line, a client too slow to send its headers): answered on the raw socket, in the same bilingual shape, then closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(clientError(status).toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The one error handler: every failure becomes `{ code, message: { id, en } }`; a 5xx says no more than that. */
function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const appError = validationError(error.validation, error.validationContext ?? 'request');
    return reply.code(400).send(appError.toBody());
  }
  if (error instanceof AppError) {
    return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    const unavailable = databaseUnavailable();
    return reply.code(503).headers(unavailable.headers).send(unavailable.toBody());
  }
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return reply.code(statusCode).send(clientError(statusCode, error.code).toBody());
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({
    code: 'INTERNAL_ERROR',
    message: { id: 'Terjadi kesalahan pada server.', en: 'Internal Server Error' },
  });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: options.config.logLevel },
    bodyLimit: 1024 * 1024,
    // Request ids go into the audit trail: they must be unique across restarts, not a per-process counter.
    genReqId: () => randomUUID(),
    // `/tiles/6/52/31.mvt` style addresses: parse numbers strictly, leave the rest to the schemas.
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    requestTimeout: REQUEST_TIMEOUT_MS,
    clientErrorHandler: answerClientError,
    // A malformed or overlong address is refused by the router before any hook: still in the bilingual shape.
    frameworkErrors: (error, _request, reply) => {
      const refused = clientError(error.statusCode ?? 400, error.code);
      void (reply as FastifyReply).code(refused.statusCode).send(refused.toBody());
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Set before any plugin is registered: an encapsulated plugin (the API docs) keeps the handler it was born with.
  app.setErrorHandler(answerError);

  const boundaries = createBoundaryRepository(options.pool);
  const tiles = createTileService(boundaries, options.config.tileCacheEntries);
  const accounts = createAccountRepository(options.pool);
  const auditLog = createAuditRepository(options.pool);
  const audit = createAuditService(auditLog);
  const sessions = createSessionService(accounts, audit, options.config);
  const accountAdmin = createAccountService(options.pool, accounts, audit, (accountId) =>
    sessions.forgetAccount(accountId),
  );
  app.decorate('config', options.config);
  app.decorate('boundaries', boundaries);
  app.decorate('tiles', tiles);
  app.decorate('accounts', accounts);
  app.decorate('auditLog', auditLog);
  // Services write the audit trail; besides them only the auth hook does, for refused requests (routes may not).
  app.decorate('audit', audit);
  app.decorate('sessions', sessions);
  app.decorate('accountAdmin', accountAdmin);
  const settings = createSettingsService(accounts, audit, accountAdmin);
  app.decorate('settings', settings);
  // Data arriving (a filed report) kicks the alert job once committed; the queue is set below when this process runs it.
  const arrivals = { notify: () => {} };
  const layers = createLayerService(options.pool, createOperationalRepository(options.pool), settings, audit, arrivals);
  app.decorate('layers', layers);
  const planner = createPlannerService(layers, createPlannerQueries(options.pool));
  app.decorate('planner', planner);
  app.decorate('imageExports', createImageExportService(audit));
  // Every kind of PDF shares one gate: a few at a time per process (export-gate.ts).
  const pdfGate = createExportGate();
  const plans = createPlannerPlanService(
    options.pool,
    createPlannerPlanRepository(options.pool),
    planner,
    settings,
    createBriefGeometryQueries(options.pool),
    audit,
  );
  app.decorate('plannerPlans', {
    ...plans,
    exportPdf: (actor, id, lang) => pdfGate(() => plans.exportPdf(actor, id, lang)),
  });
  const briefs = createPdfBriefService(layers, settings, createBriefGeometryQueries(options.pool), audit);
  app.decorate('pdfBriefs', {
    ...briefs,
    exportBrief: (actor, query) => pdfGate(() => briefs.exportBrief(actor, query)),
  });
  app.decorate('imports', createImportService(options.pool, createImportRepository(options.pool), audit, arrivals));
  const analysisRepository = createAnalysisRepository(options.pool);
  app.decorate('analysis', createAnalysisService(analysisRepository, settings));
  app.decorate('analysisExport', createAnalysisExportService(audit));
  app.decorate('hotSpots', createHotSpotService(analysisRepository, settings));
  const savedViews = createSavedViewService(options.pool, createSavedViewRepository(options.pool), audit);
  app.decorate('savedViews', savedViews);
  app.decorate(
    'immigrationOffices',
    createImmigrationOfficeService(options.pool, createImmigrationOfficeRepository(options.pool), audit),
  );
  const handouts = createPdfHandoutService(
    savedViews,
    layers,
    settings,
    createBriefGeometryQueries(options.pool),
    audit,
  );
  app.decorate('pdfHandouts', {
    ...handouts,
    exportHandout: (actor, id, lang) => pdfGate(() => handouts.exportHandout(actor, id, lang)),
  });
  const alerts = createAlertService(
    options.pool,
    createAlertRepository(options.pool),
    audit,
    app.log,
    settings,
    app.hotSpots,
  );
  app.decorate('alerts', alerts);
  app.decorate(
    'followUp',
    createFollowUpService(options.pool, createFollowUpRepository(options.pool), audit, settings),
  );
  const hub = createNotificationHub(options.pool, app.log);
  app.decorate('notificationHub', hub);
  const mail = createAlertMail(
    createAlertRepository(options.pool),
    { url: options.config.smtpUrl, from: options.config.smtpFrom, publicUrl: options.config.publicUrl },
    app.log,
  );
  app.decorate('alertMail', mail);
  app.addHook('onClose', async () => mail.close());
  const jobs =
    options.jobs === false
      ? null
      : createJobQueue(options.pool, alerts, mail, app.log, {
          digests: options.digests ?? true,
        });
  app.decorate('jobs', jobs);
  if (jobs) {
    arrivals.notify = () => jobs.kick();
    app.addHook('onReady', async () => {
      await hub.start();
      await jobs.start();
    });
    app.addHook('onClose', async () => {
      await jobs.stop();
      await hub.stop();
    });
  }

  // The guard comes first, so every route registered after it must declare who may call it.
  await registerAuth(app, {
    sessions,
    audit,
    cookieSecure: options.config.cookieSecure,
    publicUrl: options.config.publicUrl,
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: contentSecurityPolicy(options.config.webBuildDir, options.config.cookieSecure),
    },
    // Tiles and the style are fetched by maplibre's worker from our own origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // JSON answers (a desa-level summary is ~1 MB) travel gzipped to field offices on slow links; tiles carry their own
  // Content-Encoding and are left alone.
  await app.register(fastifyCompress, { global: true, threshold: 2048, encodings: ['gzip'] });
  // Limits for what anyone can reach without signing in (each such route names its own limit).
  await app.register(fastifyRateLimit, { global: false });

  app.addSchema(ErrorSchema);
  await app.register(fastifySwagger, {
    transformObject: (documentObject) =>
      'openapiObject' in documentObject ? optionalDefaults(documentObject.openapiObject) : documentObject.swaggerObject,
    openapi: {
      info: {
        title: 'Pantau API',
        description: 'Peta pengawasan orang asing (TIMPORA): batas wilayah, perbatasan dan pencarian wilayah.',
        version: '0.1.0',
      },
      tags: [
        { name: 'system' },
        { name: 'session' },
        { name: 'regions' },
        { name: 'tiles' },
        { name: 'accounts' },
        { name: 'audit' },
        { name: 'layers' },
        { name: 'charts' },
        { name: 'offices' },
        { name: 'planner' },
        { name: 'imports' },
        { name: 'analysis' },
        { name: 'exports' },
        { name: 'views' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Re-imported boundaries must not be served from the tile cache; the vintage is cheap to read.
  const refreshVintage = () =>
    boundaries
      .findVintage()
      .then((vintage) => vintage && tiles.setVintage(`${vintage.version}@${vintage.importedAt}`))
      .catch(() => undefined);
  await refreshVintage();
  const timer = setInterval(refreshVintage, VINTAGE_REFRESH_MS).unref();
  app.addHook('onClose', async () => clearInterval(timer));

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(regionRoutes);
  await app.register(tileRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(layerRoutes);
  await app.register(chartRoutes);
  await app.register(immigrationOfficeRoutes);
  await app.register(plannerRoutes);
  await app.register(notificationRoutes);
  await app.register(followUpRoutes);
  await app.register(analysisRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
  await app.register(savedViewRoutes);
  const hasWebApp = await registerWebApp(app, options.config.webBuildDir);

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/tiles/');
    if (!isApi && hasWebApp && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(clientError(404).toBody());
  });

  return app;
}

/**
 * A query parameter with a default need not be sent (the validator fills it in), but the schemas mark every property
 * of a query object required; the document says what a client must send, so those are marked optional.
 */
function optionalDefaults<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, { parameters?: unknown[] }>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        const entry = parameter as { in?: string; required?: boolean; schema?: { default?: unknown } };
        if (entry.in === 'query' && entry.schema?.default !== undefined) entry.required = false;
      }
    }
  }
  return document;
}
