import { Type, type TSchema } from '@sinclair/typebox';

/** Timestamps on the wire: RFC 3339 in UTC with milliseconds. */
export const Timestamp = Type.String({ format: 'date-time', examples: ['2026-11-23T14:27:39.123Z'] });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const FieldErrorSchema = Type.Object({
  in: Type.Union([Type.Literal('body'), Type.Literal('query'), Type.Literal('path'), Type.Literal('header')]),
  pointer: Type.String({ description: 'JSON pointer of the bad value inside its part of the request.' }),
  message: Type.String(),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable error code; see docs/errors.md.' }),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    requestId: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json).' },
);

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ListQueryProperties = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Page size (1–1000).' }),
  ),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 4096, description: '`nextCursor` of the previous page.' }),
  ),
  sort: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id.',
    }),
  ),
  fields: Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'Comma-separated fields to return; `id` is always returned.',
    }),
  ),
};

export const FieldsQuery = Type.Object(
  { fields: ListQueryProperties.fields },
  { additionalProperties: false },
);

/** A list response: `nextCursor` is null on the last page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    data: Type.Array(item),
    nextCursor: Nullable(Type.String()),
  });
}

/** Standard error responses documented on every authenticated route. */
export const ErrorResponses = {
  '4xx': ProblemSchema,
  '5xx': ProblemSchema,
};
