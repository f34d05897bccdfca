import type { ValidateFunction } from 'ajv';
import type { Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import { ApiError, badField, type FieldError } from '../../errors/problem.js';
import { newId } from '../../ids.js';
import { userSchemaAjv } from '../../json-schema.js';
import { parseJson, type Store } from '../../store/index.js';
import { findJobType, type JobRow } from '../../store/queries/jobs.js';
import { findProject } from '../../store/queries/projects.js';
import { resolveTargetWorkspace } from '../workspaces/service.js';
import { keyLimitsOf, storedKeyLimits, type StoredKeyLimits } from './key-limits.js';
import type { CreateJobInput } from './schema.js';

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 5 * 60_000 };

/** A new job as asked for, with what its definition adds when it is a definition's instance. */
export type PrepareInput = CreateJobInput & {
  definitionId?: string;
  definitionTimeoutMs?: number | null;
  definitionKeyLimits?: StoredKeyLimits | null;
};

/** Lookups shared by the jobs of one batch. */
export interface PrepareCache {
  workspaces: Map<string, Promise<string>>;
  schemas: Map<string, Promise<Record<string, unknown> | null>>;
  /** A type's key limits per `workspace type` (absent: not looked up yet). */
  keyLimits?: Map<string, Promise<StoredKeyLimits | null>>;
}

/**
 * The checks of a new job before it is written: its workspace, its type (built-in, or registered
 * in the workspace), its arguments against the type's schema, its project and its backoff.
 */
export class JobPreparer {
  private readonly ajv = userSchemaAjv({ useDefaults: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
  ) {}

  private validatorFor(schema: Record<string, unknown>): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** The JSON Schema for a type's arguments, or throws unknown_job_type. */
  async argumentsSchemaFor(
    workspaceId: string,
    type: string,
    pointer = '/type',
  ): Promise<Record<string, unknown> | null> {
    const builtIn = this.engine.types.get(type);
    if (builtIn) return builtIn.argumentsSchema ?? null;
    const registered = await findJobType(this.store.db, workspaceId, type);
    if (!registered) {
      throw new ApiError(
        'unknown_job_type',
        `Job type "${type}" is neither built in nor registered in this workspace.`,
        {
          errors: [{ in: 'body', pointer, message: 'is not a known job type' }],
        },
      );
    }
    return parseJson<Record<string, unknown>>(registered.arguments_schema);
  }

  /** Validates (and fills defaults into) job arguments; field errors point under `pointer`. */
  checkArgumentsAgainst(
    schema: Record<string, unknown>,
    type: string,
    args: Record<string, unknown>,
    pointer: string,
  ): void {
    const validate = this.validatorFor(schema);
    if (validate(args)) return;
    const errors: FieldError[] = (validate.errors ?? []).map((e) => {
      let at = e.instancePath;
      if (e.keyword === 'additionalProperties') at += `/${String(e.params.additionalProperty)}`;
      if (e.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
      return {
        in: 'body',
        pointer: `${pointer}${at}`,
        message:
          e.keyword === 'additionalProperties' ? 'is not a known argument' : (e.message ?? 'is invalid'),
      };
    });
    throw new ApiError(
      'validation_failed',
      `Arguments do not match job type "${type}": ${errors[0]?.pointer} ${errors[0]?.message}`,
      {
        errors,
      },
    );
  }

  /**
   * Checks a new job (workspace, type, arguments, project) and builds its row, without writing.
   * `arguments` get the defaults of the type's schema filled in.
   */
  async prepare(
    principal: Principal,
    input: PrepareInput,
    pointers = { type: '/type', arguments: '/arguments' },
    cache?: PrepareCache,
  ): Promise<JobRow> {
    const workspaceKey = input.workspaceId ?? '';
    let workspace = cache?.workspaces.get(workspaceKey);
    if (!workspace) {
      workspace = resolveTargetWorkspace(this.store, principal, input.workspaceId);
      cache?.workspaces.set(workspaceKey, workspace);
    }
    const workspaceId = await workspace;
    const schemaKey = `${workspaceId} ${input.type}`;
    let schema = cache?.schemas.get(schemaKey);
    if (!schema) {
      schema = this.argumentsSchemaFor(workspaceId, input.type, pointers.type);
      cache?.schemas.set(schemaKey, schema);
    }
    const args = structuredClone(input.arguments ?? {});
    const argumentsSchema = await schema;
    if (argumentsSchema) this.checkArgumentsAgainst(argumentsSchema, input.type, args, pointers.arguments);
    if (input.projectId !== undefined && !(await findProject(this.store.db, input.projectId, workspaceId))) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    const backoff = input.backoff ?? DEFAULT_BACKOFF;
    if (backoff.maxMs < backoff.initialMs)
      throw badField('body', '/backoff/maxMs', 'must be at least initialMs');
    const now = Date.now();
    const runAt = input.runAt ? Date.parse(input.runAt) : now;
    const startBefore = input.startBefore === undefined ? null : Date.parse(input.startBefore);
    if (startBefore !== null) {
      const at = pointers.type.replace(/\/type$/, '/startBefore');
      if (startBefore <= now) throw badField('body', at, 'is already past');
      if (startBefore <= runAt) throw badField('body', at, 'must be later than runAt');
    }
    let keyLimits: StoredKeyLimits | null = null;
    if (input.concurrencyKey !== undefined) {
      keyLimits = input.definitionKeyLimits ?? null;
      if (!keyLimits) {
        let typeLimits = cache?.keyLimits?.get(schemaKey);
        if (!typeLimits) {
          typeLimits = this.typeKeyLimits(workspaceId, input.type);
          if (cache) (cache.keyLimits ??= new Map()).set(schemaKey, typeLimits);
        }
        keyLimits = await typeLimits;
      }
    }
    return {
      id: newId('job'),
      workspace_id: workspaceId,
      project_id: input.projectId ?? null,
      type: input.type,
      title: input.title ?? null,
      description: input.description ?? null,
      arguments: JSON.stringify(args),
      status: 'queued',
      priority: input.priority ?? 0,
      run_at: runAt,
      attempt: 0,
      max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      timeout_ms:
        input.timeoutMs ?? input.definitionTimeoutMs ?? this.engine.types.get(input.type)?.timeoutMs ?? null,
      backoff_base_ms: backoff.initialMs,
      backoff_max_ms: backoff.maxMs,
      progress: null,
      counters: '{}',
      warnings: '[]',
      result: null,
      error: null,
      checkpoint: null,
      definition_id: input.definitionId ?? null,
      unique_key: input.uniqueKey ?? null,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
      started_at: null,
      finished_at: null,
      lease_owner: null,
      lease_expires_at: null,
      abort_requested: 0,
      start_before: startBefore,
      on_dependency_failure:
        input.onDependencyFailure === undefined || input.onDependencyFailure === 'fail'
          ? null
          : input.onDependencyFailure,
      concurrency_key: input.concurrencyKey ?? '',
      key_max_running: keyLimits?.key_max_running ?? null,
      key_rate_max: keyLimits?.key_rate_max ?? null,
      key_rate_window_ms: keyLimits?.key_rate_window_ms ?? null,
    };
  }

  /** The key limits a type sets: a registered type's own, else those its handler declares. */
  private async typeKeyLimits(workspaceId: string, type: string): Promise<StoredKeyLimits | null> {
    const declared = this.engine.types.get(type)?.keyLimits;
    if (declared) return storedKeyLimits(declared);
    return keyLimitsOf(await findJobType(this.store.db, workspaceId, type));
  }

  /** Whether `type` is a resource's own job type (batch.*, tasks.*, webhook.deliver, dataset.search, …). */
  isInternalType(type: string): boolean {
    return this.engine.types.isInternal(type);
  }

  /**
   * Refuses a resource's own job type where a caller names the type: its arguments name batches,
   * datasets, tasks or deliveries that only its resource's routes check, so it is made only there.
   */
  refuseInternalType(type: string, pointer = '/type', location: 'body' | 'query' = 'body'): void {
    if (!this.isInternalType(type)) return;
    throw new ApiError(
      'internal_job_type',
      `"${type}" is a built-in job type: only its own routes create it, and remote workers cannot claim it.`,
      {
        errors: [
          { in: location, pointer, message: 'is a built-in job type that only its own routes create' },
        ],
      },
    );
  }

  /** Throws Ajv's error when `schema` is not a valid JSON Schema. */
  checkSchema(schema: Record<string, unknown>): void {
    this.ajv.compile(schema);
  }

  /** `prepare` for a type the caller named (a definition's run or schedule): built-in types are refused. */
  prepareForCaller(
    principal: Principal,
    input: PrepareInput,
    pointers = { type: '/type', arguments: '/arguments' },
  ): Promise<JobRow> {
    this.refuseInternalType(input.type, pointers.type);
    return this.prepare(principal, input, pointers);
  }
}
