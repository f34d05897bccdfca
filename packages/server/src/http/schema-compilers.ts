import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { Ajv } from 'ajv';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { withSafeIntegers } from './safe-integers.js';

/**
 * Route schemas compiled on a route's first use instead of at start-up. Compiling every validator
 * and serializer eagerly held about 22 MB of live heap (generated source and closures for a few
 * hundred routes, most of which a given deployment never calls) and took 1.5–2 s of start-up; a
 * first call pays its route's compilation once (10–80 ms for the largest). `compilePending` compiles
 * whatever is left, so a test can prove every schema compiles.
 */
export interface SchemaCompilers {
  validator: FastifySchemaCompiler<unknown>;
  serializer: FastifySerializerCompiler<unknown>;
  /** Compiles every schema not compiled yet; throws the first compilation error. */
  compilePending(): number;
}

/** Bodies go to `bodyAjv`; query strings, path parameters and headers (text) to `textAjv`. */
export function lazySchemaCompilers(bodyAjv: Ajv, textAjv: Ajv): SchemaCompilers {
  const pending = new Set<() => void>();
  const buildSerializer = SerializerSelector()();
  /** `build` run once, on the first call of the getter or by `compilePending`. */
  const lazily = <T>(build: () => T): (() => T) => {
    let value: T | undefined;
    const compile = (): T => {
      pending.delete(compile);
      return (value = build());
    };
    pending.add(compile);
    return () => value ?? compile();
  };

  const validator: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
    const compiled = lazily(() =>
      (httpPart === 'body' ? bodyAjv : textAjv).compile(withSafeIntegers(schema) as object),
    );
    // Fastify reads `errors` from the function it was given after a failed call.
    const validate = (data: unknown): boolean => {
      const fn = compiled();
      const valid = fn(data) as boolean;
      validate.errors = fn.errors;
      return valid;
    };
    validate.errors = undefined as ReturnType<Ajv['compile']>['errors'];
    return validate;
  };

  const serializer: FastifySerializerCompiler<unknown> = (route) => {
    // Fastify always passes the status for response schemas; its type leaves it optional.
    const compiled = lazily(() => buildSerializer(route as Parameters<typeof buildSerializer>[0]));
    return (data: unknown) => compiled()(data);
  };

  return {
    validator,
    serializer,
    compilePending() {
      let count = 0;
      for (const compile of [...pending]) {
        compile();
        count += 1;
      }
      return count;
    },
  };
}
