import { ApiError, badField } from '../../errors/problem.js';
import { MAX_DEPENDENCY_DEPTH } from '../../store/job-flow-schema.js';

/**
 * A flow's graph checked: every `dependsOn` names another job of the flow once, there is no circle,
 * and no chain is deeper than the store settles in one statement. Returns the keys in an order
 * where each job comes after those it depends on, and each job's depth (0 without dependencies).
 */
export function checkFlowGraph(jobs: Readonly<Record<string, { dependsOn?: string[] | undefined }>>): {
  order: string[];
  depth: Map<string, number>;
} {
  const keys = Object.keys(jobs);
  for (const key of keys) {
    const seen = new Set<string>();
    (jobs[key]!.dependsOn ?? []).forEach((name, index) => {
      const pointer = `/jobs/${key}/dependsOn/${index}`;
      if (name === key) {
        throw new ApiError('dependency_cycle', `Job "${key}" of the flow depends on itself.`, {
          errors: [{ in: 'body', pointer, message: 'names the job itself' }],
        });
      }
      if (!Object.hasOwn(jobs, name)) throw badField('body', pointer, `"${name}" is not a job of this flow`);
      if (seen.has(name)) throw badField('body', pointer, `names "${name}" a second time`);
      seen.add(name);
    });
  }
  // Depth-first, iteratively (a flow may hold thousands of jobs): a job on the current path seen
  // again closes a circle.
  const state = new Map<string, 'open' | 'done'>();
  const depth = new Map<string, number>();
  const order: string[] = [];
  for (const root of keys) {
    if (state.has(root)) continue;
    const stack: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = jobs[frame.key]!.dependsOn ?? [];
      if (frame.next < deps.length) {
        const index = frame.next++;
        const dep = deps[index]!;
        const seen = state.get(dep);
        if (seen === 'open') {
          throw new ApiError(
            'dependency_cycle',
            `The jobs of the flow depend on each other in a circle: ${[...stack.slice(stack.findIndex((f) => f.key === dep)).map((f) => f.key), dep].join(' → ')}.`,
            {
              errors: [
                { in: 'body', pointer: `/jobs/${frame.key}/dependsOn/${index}`, message: 'closes a circle' },
              ],
            },
          );
        }
        if (seen === undefined) {
          state.set(dep, 'open');
          stack.push({ key: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(frame.key, 'done');
      const level = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depth.get(d)!));
      if (level > MAX_DEPENDENCY_DEPTH) {
        throw new ApiError(
          'dependency_too_deep',
          `Job "${frame.key}" ends a chain of ${level} dependent jobs; at most ${MAX_DEPENDENCY_DEPTH} are allowed.`,
          {
            errors: [
              {
                in: 'body',
                pointer: `/jobs/${frame.key}/dependsOn`,
                message: `makes a chain deeper than ${MAX_DEPENDENCY_DEPTH}`,
              },
            ],
          },
        );
      }
      depth.set(frame.key, level);
      order.push(frame.key);
    }
  }
  return { order, depth };
}
