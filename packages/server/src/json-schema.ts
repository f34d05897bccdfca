import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The Ajv that checks values against JSON schemas users supply (a project's task schema, a job
 * type's arguments schema): lenient about the schema (`strict: false`, so unknown keywords from
 * other drafts compile), every error collected, the standard formats known. `useDefaults` fills
 * defaults into the checked value: job arguments want that, task data is stored as sent.
 */
export function userSchemaAjv(options: { useDefaults?: boolean } = {}): Ajv {
  return addFormats(new Ajv({ strict: false, allErrors: true, ...options }));
}
