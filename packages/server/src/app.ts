import { createRequire } from 'node:module';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { createHash } from 'node:crypto';
import { Authenticator, checkAccess, checkMemberAccess, type Principal } from './auth/principal.js';
import { AuthFailureLimiter } from './auth/failures.js';
import { TokenSigner, resolveJwtSecret } from './auth/jwt.js';
import type { Config } from './config.js';
import { ApiError } from './errors/problem.js';
import type { App } from './http/app-types.js';
import { registerErrorHandling, sendProblem } from './http/errors.js';
import { clientErrorHandler, registerRequestContract } from './http/contract.js';
import { registerCursors } from './http/cursors.js';
import { registerIdempotency } from './http/idempotency.js';
import { serializeRequest } from './http/redact.js';
import { lazySchemaCompilers } from './http/schema-compilers.js';
import { registerTextGuard } from './http/text-guard.js';
import { registerMetrics } from './http/metrics.js';
import { registerWeb } from './http/web.js';
import { newId } from './ids.js';
import { JobEngine, type JobTypeDefinition } from './engine/index.js';
import { definitionRoutes } from './resources/definitions/routes.js';
import { flowRoutes } from './resources/flows/routes.js';
import { FlowService } from './resources/flows/service.js';
import { DefinitionService } from './resources/definitions/service.js';
import { batchRoutes } from './resources/batches/routes.js';
import { BatchService } from './resources/batches/service.js';
import { datasetRoutes } from './resources/datasets/routes.js';
import { DatasetService } from './resources/datasets/service.js';
import { jobRoutes } from './resources/jobs/routes.js';
import { jobLogRoutes } from './resources/job-logs/routes.js';
import { JobLogService } from './resources/job-logs/service.js';
import { sheetRoutes } from './resources/sheets/routes.js';
import { webhookRoutes } from './resources/webhooks/routes.js';
import { WebhookService } from './resources/webhooks/service.js';
import { SheetService } from './resources/sheets/service.js';
import { taskRoutes } from './resources/tasks/routes.js';
import { TaskService } from './resources/tasks/service.js';
import { JobBulk } from './resources/jobs/bulk.js';
import { jobCreated, JobService } from './resources/jobs/service.js';
import { jobTypeRoutes } from './resources/job-types/routes.js';
import { JobTypeService } from './resources/job-types/service.js';
import { workerRoutes } from './resources/workers/routes.js';
import { WorkerService } from './resources/workers/service.js';
import { credentialRoutes } from './resources/credentials/routes.js';
import { CredentialService } from './resources/credentials/service.js';
import { memberRoutes } from './resources/members/routes.js';
import { MemberService } from './resources/members/service.js';
import { qualityRoutes } from './resources/quality/routes.js';
import { QualityService } from './resources/quality/service.js';
import { projectRoutes } from './resources/projects/routes.js';
import { ProjectService } from './resources/projects/service.js';
import { systemRoutes } from './resources/system/routes.js';
import { workspaceRoutes } from './resources/workspaces/routes.js';
import { WorkspaceService } from './resources/workspaces/service.js';
import type { Store } from './store/index.js';
import { auditRoutes } from './resources/audit/routes.js';
import { AuditService, recordAudit } from './resources/audit/service.js';
import { registerCompat } from './compat/index.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface Services {
  jobs: JobService;
  jobLogs: JobLogService;
  jobBulk: JobBulk;
  jobTypes: JobTypeService;
  workers: WorkerService;
  definitions: DefinitionService;
  flows: FlowService;
  workspaces: WorkspaceService;
  projects: ProjectService;
  members: MemberService;
  quality: QualityService;
  credentials: CredentialService;
  datasets: DatasetService;
  batches: BatchService;
  tasks: TaskService;
  sheets: SheetService;
  webhooks: WebhookService;
  audit: AuditService;
}

export type AppWithServices = App & {
  services: Services;
  engine: JobEngine;
  /** Compiles every route schema not yet compiled (they compile on first use); for tests. */
  compileSchemas(): number;
};

export interface BuildAppOptions {
  config: Config;
  /** An open, migrated store. The caller owns it and closes it after the app. */
  store: Store;
  /** Overrides Fastify's logger (tests pass false). */
  logger?: FastifyServerOptions['logger'];
  /** In-process job types besides the built-in ones (run when `config.worker` is on). */
  jobTypes?: readonly JobTypeDefinition[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function validatorFor(options: AjvOptions): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    useDefaults: true,
    removeAdditional: false,
    ...options,
  });
  addFormats(ajv);
  return ajv;
}

/** The Fastify app with every route, without listening (tests drive it through inject()). */
export async function buildApp({
  config,
  store,
  logger,
  jobTypes,
}: BuildAppOptions): Promise<AppWithServices> {
  const loggerOptions = logger ?? (config.logLevel === 'silent' ? false : { level: config.logLevel });
  const app = Fastify({
    // Request lines go through our serializer, which redacts secrets in query strings.
    logger:
      typeof loggerOptions === 'object' && loggerOptions !== null
        ? { ...loggerOptions, serializers: { req: serializeRequest, ...loggerOptions.serializers } }
        : loggerOptions,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId('req');
    },
    // Long path parameters reach validation (a 400 naming the parameter) instead of the router's bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    // Malformed URLs and the like, rejected before routing: still a problem+json.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      return sendProblem(request, reply, 'validation_failed', error.message);
    },
    // Requests Node's parser refuses (bad request line, headers too large): problem+json too.
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as App;

  // Bodies are validated strictly (no type coercion, unknown fields rejected); query strings,
  // path parameters and headers arrive as text, so they are coerced to the declared types.
  const bodyAjv = validatorFor({ coerceTypes: false });
  const textAjv = validatorFor({ coerceTypes: 'array' });
  const schemaCompilers = lazySchemaCompilers(bodyAjv, textAjv);
  app.setValidatorCompiler(schemaCompilers.validator);
  app.setSerializerCompiler(schemaCompilers.serializer);

  const instanceSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const signer = new TokenSigner(instanceSecret, config.tokenTtlSeconds);
  const authenticator = new Authenticator(store, signer);
  const authFailures = new AuthFailureLimiter(config.authFailuresPerMinute);
  // Datasets and batches run built-in job types, so they exist before the engine that runs them;
  // they reach the engine and the job service through `deps` once both are made.
  const refs: { engine?: JobEngine; jobs?: JobService; webhooks?: WebhookService } = {};
  const deps = {
    get engine(): JobEngine {
      return refs.engine!;
    },
    get jobs(): JobService {
      return refs.jobs!;
    },
    get webhooks(): WebhookService {
      return refs.webhooks!;
    },
  };
  const datasets = new DatasetService(store, deps);
  const batches = new BatchService(store, datasets, deps, config.leaseSeconds * 1000);
  const tasks = new TaskService(store, deps, config.leaseSeconds * 1000);
  const sheets = new SheetService(store);
  const jobBulk = new JobBulk(store, deps);
  const webhooks = new WebhookService(store, deps, app.log, {
    allowedDestinations: config.webhookAllowedDestinations,
  });
  refs.webhooks = webhooks;
  const engine = new JobEngine({
    store,
    dataDir: config.dataDir,
    artifactStorage: config.artifactStorage,
    jobTypes: [
      ...datasets.jobTypes(),
      ...batches.jobTypes(),
      ...tasks.jobTypes(),
      ...webhooks.jobTypes(),
      ...jobBulk.jobTypes(),
      ...(jobTypes ?? []),
    ],
    runHandlers: config.worker,
    concurrency: config.jobConcurrency,
    leaseMs: config.leaseSeconds * 1000,
    pollMs: 1000,
    retentionMs: config.jobRetentionDays * 86_400_000,
    logger: app.log,
  });
  const jobs = new JobService(store, engine);
  refs.engine = engine;
  refs.jobs = jobs;
  authenticator.listen(engine.events);
  const services: Services = {
    jobs,
    jobLogs: new JobLogService(store, engine, jobs),
    jobBulk,
    jobTypes: new JobTypeService(store, engine, jobs.preparer),
    workers: new WorkerService(store, engine, jobs),
    definitions: new DefinitionService(store, jobs),
    flows: new FlowService(store, engine, jobs),
    workspaces: new WorkspaceService(store, () => engine.events.publish({ kind: 'credentials' })),
    projects: new ProjectService(store),
    members: new MemberService(store, (ids) => engine.events.publish({ kind: 'credentials', ids })),
    quality: new QualityService(store),
    credentials: new CredentialService(store, signer, (ids) =>
      engine.events.publish({ kind: 'credentials', ids }),
    ),
    datasets,
    batches,
    tasks,
    sheets,
    webhooks,
    audit: new AuditService(store, config.auditRetentionDays),
  };

  registerErrorHandling(app);
  await app.register(formbody);
  registerRequestContract(app);
  registerCursors(app, instanceSecret);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Batchyard API',
        version,
        description:
          'Batches of data, the tasks done on them and the jobs that move them. Errors are application/problem+json; see docs/errors.md for every code.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Everything is served from the npm package; the validator badge would call an outside host.
    uiConfig: { validatorUrl: null, deepLinking: true },
  });

  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth ? createHash('sha256').update(auth).digest('base64url') : request.ip;
      },
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          'rate_limited',
          `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}.`,
          {
            headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
          },
        ),
    });
  }

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1') && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    // A copy per request: the authenticator caches credentials, the request id is this request's.
    const principal = await authenticator
      .authenticate(request.headers.authorization)
      .catch((error: unknown) => {
        throw authFailures.refuse(request.ip, error);
      });
    request.principal = { ...principal, requestId: request.id };
    // Every later line of this request (the "request completed" one included) names the caller.
    reply.log = request.log = request.log.child({
      workspaceId: request.principal.workspaceId,
      credentialId: request.principal.id,
    });
    checkAccess(request.principal, access);
    checkMemberAccess(request.principal, access, request.routeOptions.config.memberRoles);
  });

  app.decorateReply('untilRevoked', function (this: FastifyReply): AbortSignal {
    const watch = authenticator.watch(this.request.principal!, this.request.headers.authorization);
    this.raw.once('close', watch.stop);
    return watch.signal;
  });

  registerTextGuard(app);
  registerIdempotency(app, store, config.idempotencyTtlHours);
  registerMetrics(app, { store, engine, enabled: config.metrics, token: config.metricsToken });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  systemRoutes(app, store);
  workspaceRoutes(app, services.workspaces);
  projectRoutes(app, services.projects);
  memberRoutes(app, services.members);
  qualityRoutes(app, services.quality);
  credentialRoutes(app, services.credentials, authFailures);
  jobRoutes(app, services.jobs, services.jobBulk);
  jobLogRoutes(app, services.jobLogs);
  jobTypeRoutes(app, services.jobTypes);
  workerRoutes(app, services.workers);
  definitionRoutes(app, services.definitions, services.jobs);
  flowRoutes(app, services.flows);
  datasetRoutes(app, services.datasets);
  batchRoutes(app, services.batches);
  taskRoutes(app, services.tasks);
  sheetRoutes(app, services.sheets);
  webhookRoutes(app, services.webhooks);
  auditRoutes(app, services.audit);
  await registerCompat(app, { services, authenticator, authFailures });
  await registerWeb(app);

  // What the engine asks of the resources (it imports none): the audit entry of an inline job, and
  // the periodic duties that are resource work (each duty in engine/maintenance/ decides where it runs).
  engine.connect({
    // The actor is the principal the resource handed to runInlineJob.
    recordJobCreated: (trx, actor, row) => recordAudit(trx, actor as Principal, jobCreated(row)),
    sweepBatches: () => batches.sweep(),
    fireDueSchedules: () => services.definitions.fireDue(),
    pruneAuditLog: () => services.audit.prune(),
    jobsChanged: (ids) => webhooks.recordFinishedJobs(ids),
  });
  app.addHook('onReady', async () => engine.start());
  // Stops the duties and hands unfinished jobs back before the store closes (the caller closes it after the app).
  app.addHook('onClose', async () => engine.close());

  return Object.assign(app, { services, engine, compileSchemas: schemaCompilers.compilePending });
}
