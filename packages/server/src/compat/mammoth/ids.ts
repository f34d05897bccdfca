import { notFound } from '../../errors/problem.js';
import type { CompatServices, Principal } from '../context.js';

type Dataset = Awaited<ReturnType<CompatServices['datasets']['get']>>;

/** The path's `{workspace_id}/{project_id}/{dataset_id}` numbers, as the client sends them. */
export interface DatasetPath {
  workspace_id: number;
  project_id: number;
  dataset_id: number;
}

/**
 * The dataset a Mammoth path names. Each number must be the caller's own workspace's (another
 * workspace's numbers are not found), and the project and dataset must be the parents they claim.
 */
export async function datasetOfPath(
  services: CompatServices,
  principal: Principal,
  path: DatasetPath,
): Promise<Dataset> {
  const workspaceId = (await services.workspaces.idsByNumericId(principal, [path.workspace_id])).get(
    path.workspace_id,
  );
  if (workspaceId !== principal.workspaceId) throw notFound('Workspace', String(path.workspace_id));
  const projectId = (await services.projects.idsByNumericId(principal, [path.project_id])).get(
    path.project_id,
  );
  if (!projectId) throw notFound('Project', String(path.project_id));
  const datasetId = (await services.datasets.idsByNumericId(principal, [path.dataset_id])).get(
    path.dataset_id,
  );
  if (!datasetId) throw notFound('Dataset', String(path.dataset_id));
  const dataset = await services.datasets.get(principal, datasetId);
  if (dataset.project_id !== projectId) throw notFound('Dataset', String(path.dataset_id));
  return dataset;
}

/** The batch ids of batch numbers; any number not found in the caller's workspace is not found. */
export async function batchIdsOf(
  services: CompatServices,
  principal: Principal,
  numbers: readonly number[],
): Promise<string[]> {
  const found = await services.batches.idsByNumericId(principal, numbers);
  return numbers.map((n) => {
    const id = found.get(n);
    if (!id) throw notFound('Batch', String(n));
    return id;
  });
}
