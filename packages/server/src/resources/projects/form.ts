import { Type, type Static } from '@sinclair/typebox';

// A project's task schema as a labelling form: what form-based labelling tools (isahit lab's
// "form" projects) read to know the inputs and check data before they send it.

const FormInputSchema = Type.Object({
  id: Type.String({ description: 'The property of the task data this input fills.' }),
  type: Type.String({ description: 'text, number, date, email or json-editor (anything).' }),
  submit: Type.Boolean(),
  label: Type.String(),
  required: Type.Boolean(),
});

export const FormConfigurationSchema = Type.Object({
  projectType: Type.Literal('form'),
  metadata: Type.Object({
    inputsLayout: Type.Array(Type.Array(Type.Array(FormInputSchema)), {
      description: 'Rows of columns of inputs: one row per top-level property of the task schema.',
    }),
    toolOptions: Type.Object({ sequence: Type.Boolean() }),
  }),
});
export type FormConfiguration = Static<typeof FormConfigurationSchema>;

type FormInput = Static<typeof FormInputSchema>;

/**
 * The input type whose client-side schema accepts what the task schema's property accepts, as
 * closely as isahit's input types allow. Where no input type matches (booleans, objects, arrays,
 * unions), `json-editor` accepts anything on the client and the server's own check decides.
 */
function inputType(property: unknown): string {
  if (typeof property !== 'object' || property === null) return 'json-editor';
  const p = property as Record<string, unknown>;
  if (p.type === 'number' || p.type === 'integer') return 'number';
  if (p.type === 'string') {
    if (p.format === 'date' || p.format === 'date-time') return 'date';
    if (p.format === 'email') return 'email';
    // `text` also lets numbers through on the client; the server's check still refuses them.
    return 'text';
  }
  return 'json-editor';
}

/**
 * The "form" configuration generated from a project's task schema: one input per property of
 * the schema's top level, a row each. A project without a task schema has no inputs (isahitlab
 * then refuses to check data: pass `disable_data_check=True`, or give the project a task schema).
 */
export function formConfiguration(taskSchema: Record<string, unknown> | null): FormConfiguration {
  const properties =
    taskSchema && typeof taskSchema.properties === 'object' && taskSchema.properties !== null
      ? (taskSchema.properties as Record<string, unknown>)
      : {};
  const required = new Set(Array.isArray(taskSchema?.required) ? (taskSchema.required as unknown[]) : []);
  const rows = Object.entries(properties).map(([id, property]): FormInput[][] => {
    const title =
      typeof property === 'object' &&
      property !== null &&
      typeof (property as { title?: unknown }).title === 'string'
        ? (property as { title: string }).title
        : id;
    return [[{ id, type: inputType(property), submit: true, label: title, required: required.has(id) }]];
  });
  return { projectType: 'form', metadata: { inputsLayout: rows, toolOptions: { sequence: false } } };
}
