import { Type, type Static } from '@sinclair/typebox';
import { JOB_LOG_LEVELS, JOB_LOG_LIMITS } from '../../engine/index.js';
import { Timestamp } from '../../http/schemas.js';
import { JobStatusSchema } from '../jobs/schema.js';

export const LogLevelSchema = Type.Union(
  JOB_LOG_LEVELS.map((level) => Type.Literal(level)),
  { description: 'debug, info, warn or error.' },
);

export const JobLogLineSchema = Type.Object({
  seq: Type.Integer({ description: 'The line’s number in its job’s log: 1, 2, 3… in writing order.' }),
  at: Timestamp,
  level: LogLevelSchema,
  message: Type.String(),
  fields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  attempt: Type.Integer({ description: 'The attempt that wrote it.' }),
});
export type JobLogLine = Static<typeof JobLogLineSchema>;

export const JobLogPageSchema = Type.Object({
  data: Type.Array(JobLogLineSchema, { description: 'Lines after `after`, oldest first.' }),
  nextAfter: Type.Integer({
    description: 'The `after` of the next page: the last line’s `seq` (or `after` when no line came).',
  }),
  lastSeq: Type.Integer({ description: 'The newest line’s `seq` when the job was read (0: none yet).' }),
  dropped: Type.Integer({
    description: `Lines dropped by the bound of ${JOB_LOG_LIMITS.linesPerJob} kept per job: those numbered up to it are gone.`,
  }),
  status: JobStatusSchema,
  ended: Type.Boolean({ description: 'The job has ended and this page holds its last line.' }),
});
export type JobLogPage = Static<typeof JobLogPageSchema>;

export const JobLogsQuery = Type.Object(
  {
    after: Type.Optional(
      Type.Integer({ minimum: 0, default: 0, description: 'Only lines with a greater `seq`.' }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Lines per page (1–1000).' }),
    ),
    follow: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Answer with server-sent events instead: `line` for each line (those after `after`, then each new one), `end` once the job has ended and every line was sent.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type JobLogsQueryInput = Static<typeof JobLogsQuery>;

/** A line a remote worker sends with its heartbeat. */
export const LogLineInput = Type.Object(
  {
    level: LogLevelSchema,
    message: Type.String({ maxLength: JOB_LOG_LIMITS.messageChars }),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: `At most ${JOB_LOG_LIMITS.fieldsBytes} bytes as JSON.`,
      }),
    ),
    at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When the worker wrote it (default: when it arrived).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type LogLineInputValue = Static<typeof LogLineInput>;

export const LogLinesInput = Type.Array(LogLineInput, {
  maxItems: JOB_LOG_LIMITS.linesPerHeartbeat,
  description: `Lines for the job's log, oldest first (at most ${JOB_LOG_LIMITS.linesPerHeartbeat}).`,
});
