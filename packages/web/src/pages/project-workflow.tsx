import type { Project } from '@batchyard/sdk';
import { TextField } from '../components.js';
import { fieldProblems } from '../lib.js';

/**
 * A project's workflow as the form edits it (docs/tasks.md: review stages, consensus, gold tasks):
 * text fields as typed, checked here against the server's bounds before anything is sent.
 */
export interface WorkflowDraft {
  reviewStages: string;
  excludeSelfReview: boolean;
  annotationsPerTask: string;
  agreementThreshold: string;
  goldRate: string;
}

type Workflow = Project['workflow'];

export function workflowDraft(workflow: Workflow | undefined): WorkflowDraft {
  return {
    reviewStages: (workflow?.reviewStages ?? []).join(', '),
    excludeSelfReview: workflow?.excludeSelfReview ?? true,
    annotationsPerTask: String(workflow?.annotationsPerTask ?? 1),
    agreementThreshold: String(workflow?.agreementThreshold ?? 0.8),
    goldRate: String(workflow?.goldRate ?? 0),
  };
}

const BOUNDS = {
  annotationsPerTask: { min: 1, max: 20, integer: true, what: 'a whole number from 1 to 20' },
  agreementThreshold: { min: 0, max: 1, integer: false, what: 'a number from 0 to 1' },
  goldRate: { min: 0, max: 1, integer: false, what: 'a number from 0 to 1' },
} as const;
type NumberField = keyof typeof BOUNDS;
const NUMBER_FIELDS = Object.keys(BOUNDS) as NumberField[];

/** The workflow to send, or the problem of each field the form catches before sending. */
export function checkWorkflow(draft: WorkflowDraft): {
  workflow?: Workflow;
  problems: Partial<Record<keyof WorkflowDraft, string>>;
} {
  const problems: Partial<Record<keyof WorkflowDraft, string>> = {};
  const numbers = {} as Record<NumberField, number>;
  for (const field of NUMBER_FIELDS) {
    const text = draft[field].trim();
    const value = Number(text);
    const bounds = BOUNDS[field];
    if (
      text === '' ||
      !Number.isFinite(value) ||
      value < bounds.min ||
      value > bounds.max ||
      (bounds.integer && !Number.isInteger(value))
    )
      problems[field] = `Must be ${bounds.what}.`;
    else numbers[field] = value;
  }
  const reviewStages = draft.reviewStages
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (new Set(reviewStages).size !== reviewStages.length)
    problems.reviewStages = 'Each review stage is named once.';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    workflow: { reviewStages, excludeSelfReview: draft.excludeSelfReview, ...numbers },
  };
}

/** The `batchyard projects create|update` flags that set this workflow (only what differs from `was`). */
export function workflowFlags(workflow: Workflow | undefined, was: Workflow | undefined): string[] {
  if (!workflow) return [];
  const base = was ?? checkWorkflow(workflowDraft(undefined)).workflow!;
  const flags: string[] = [];
  if (workflow.reviewStages.join(',') !== base.reviewStages.join(','))
    flags.push('--review-stages', workflow.reviewStages.join(','));
  if (workflow.excludeSelfReview !== base.excludeSelfReview)
    flags.push(workflow.excludeSelfReview ? '--exclude-self-review' : '--allow-self-review');
  if (workflow.annotationsPerTask !== base.annotationsPerTask)
    flags.push('--annotations-per-task', String(workflow.annotationsPerTask));
  if (workflow.agreementThreshold !== base.agreementThreshold)
    flags.push('--agreement-threshold', String(workflow.agreementThreshold));
  if (workflow.goldRate !== base.goldRate) flags.push('--gold-rate', String(workflow.goldRate));
  return flags;
}

/** The workflow fields of the project form; `error` is the server's last answer (its pointers). */
export function WorkflowFields({
  draft,
  onChange,
  tried,
  error,
}: {
  draft: WorkflowDraft;
  onChange: (draft: WorkflowDraft) => void;
  tried: boolean;
  error: unknown;
}) {
  const { problems } = checkWorkflow(draft);
  const messages = (field: keyof WorkflowDraft) => [
    ...(tried || draft[field] !== workflowDraft(undefined)[field]
      ? problems[field] === undefined
        ? []
        : [problems[field]]
      : []),
    ...fieldProblems(error, `/workflow/${field}`),
  ];
  const text = (field: Exclude<keyof WorkflowDraft, 'excludeSelfReview'>, label: string, hint: string) => {
    const id = `workflow-${field}`;
    const shown = messages(field);
    return (
      <TextField
        id={id}
        label={label}
        value={draft[field]}
        inputMode={field === 'reviewStages' ? 'text' : 'decimal'}
        onChange={(v) => onChange({ ...draft, [field]: v })}
        errors={shown}
        hint={hint}
      />
    );
  };
  return (
    <fieldset className="workflow-fields">
      <legend>Workflow</legend>
      {text(
        'reviewStages',
        'Review stages (comma-separated; empty for one review step)',
        'A submitted task waits at each stage in turn for a reviewer’s verdict.',
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.excludeSelfReview}
          onChange={(e) => onChange({ ...draft, excludeSelfReview: e.target.checked })}
        />
        Reviewers may not judge their own work
      </label>
      {text(
        'annotationsPerTask',
        'Annotations per task',
        '1: one member per task. More: that many members annotate each task (consensus).',
      )}
      {text(
        'agreementThreshold',
        'Agreement threshold',
        'Consensus tasks whose annotations agree less than this (0 to 1) go to review.',
      )}
      {text(
        'goldRate',
        'Gold rate',
        'Share of claims that hand out a gold task (0: none; 0.1: every 10th claim).',
      )}
    </fieldset>
  );
}
