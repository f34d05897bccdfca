import type { ValidateFunction } from 'ajv';
import { ApiError } from '../../errors/problem.js';
import { userSchemaAjv } from '../../json-schema.js';
import { NewTaskSchema } from './schema.js';

/**
 * The checks task data goes through: a project's task schema (compiled once per version of the
 * project) and, for imports, the shape of one task (a create checks it through its route schema).
 */
export class TaskValidators {
  private readonly ajv = userSchemaAjv();
  private readonly schemas = new Map<string, ValidateFunction>();
  readonly newTask: ValidateFunction = this.ajv.compile(NewTaskSchema);

  forProject(projectId: string, updatedAt: number, schema: string): ValidateFunction {
    const key = `${projectId}:${updatedAt}`;
    let validate = this.schemas.get(key);
    if (!validate) {
      if (this.schemas.size > 100) this.schemas.clear();
      try {
        validate = this.ajv.compile(JSON.parse(schema) as object);
      } catch (error) {
        throw new ApiError(
          'validation_failed',
          `The project's task schema does not compile: ${(error as Error).message}`,
        );
      }
      this.schemas.set(key, validate);
    }
    return validate;
  }
}

/** Where a failed check's first error points in the data (the missing property, for `required`). */
export function firstDataError(validate: ValidateFunction): { at: string; message: string | undefined } {
  const e = validate.errors?.[0];
  let at = e?.instancePath ?? '';
  if (e?.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
  return { at, message: e?.message };
}
