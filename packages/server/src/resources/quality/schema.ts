import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp } from '../../http/schemas.js';

const Range = {
  projectId: Type.String({ minLength: 1, description: 'The project whose work is measured.' }),
  from: Type.Optional(
    Type.String({
      description: 'ISO 8601 date-time: work done at or after it counts (default: 30 days before `to`).',
    }),
  ),
  to: Type.Optional(
    Type.String({
      description:
        'ISO 8601 date-time: work done before it counts (default: now, with everything up to the request counted).',
    }),
  ),
};

export const QualityQuery = Type.Object(Range, { additionalProperties: false });
export type QualityQueryInput = Static<typeof QualityQuery>;

export const MemberQualitySchema = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  role: Type.String({ description: 'annotator, reviewer or manager.' }),
  submitted: Type.Integer({
    description: 'Tasks submitted from claim queues in the range, gold answers included.',
  }),
  activeHours: Type.Integer({
    description: 'Clock hours (UTC) in which the member submitted at least once.',
  }),
  throughputPerHour: Type.Number({ description: 'submitted / activeHours (0: no active hour).' }),
  gold: Type.Object({
    answered: Type.Integer({ description: 'Gold tasks the member answered in the range.' }),
    accuracy: Nullable(
      Type.Number({
        description: "Mean agreement of the member's gold answers with the known ones, 0 to 1 (null: none).",
      }),
    ),
  }),
  agreement: Nullable(
    Type.Number({
      description:
        "Mean agreement of the member's work with other members' on the same tasks (consensus), 0 to 1 (null: no data).",
    }),
  ),
  reviews: Type.Object({
    verdicts: Type.Integer({ description: "Verdicts given in the range on the member's submitted work." }),
    rejected: Type.Integer(),
    rejectionRate: Nullable(Type.Number({ description: 'rejected / verdicts (null: no verdict).' })),
  }),
});
export type MemberQuality = Static<typeof MemberQualitySchema>;

export const QualityReportSchema = Type.Object({
  data: Type.Array(MemberQualitySchema, {
    description: 'One row per member with activity in the range, by member id.',
  }),
  from: Timestamp,
  to: Timestamp,
});
export type QualityReport = Static<typeof QualityReportSchema>;
