import { ApiError } from '../../errors/problem.js';
import { parseList, type ParsedList } from '../../http/list.js';
import { toDataset } from '../../resources/datasets/service.js';
import type { Dataset } from '../../resources/datasets/schema.js';
import type { Job } from '../../resources/jobs/schema.js';
import { toJob } from '../../resources/jobs/service.js';
import type { CompatServices, Principal } from '../context.js';

/** Enough pages for any real workspace; a bound so a lookup never runs without end. */
const MAX_PAGES = 100;
const PAGE = 200;

function firstPage(): ParsedList {
  return parseList({ limit: PAGE, sort: 'id' }, { sortable: { id: 'id' }, defaultSort: 'id', fields: [] });
}

/** Every dataset the caller sees (of one project when given), through the datasets service. */
export async function allDatasets(
  services: CompatServices,
  principal: Principal,
  projectId?: string,
): Promise<Dataset[]> {
  const out: Dataset[] = [];
  let list = firstPage();
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await services.datasets.list(principal, { projectId }, list);
    out.push(...page.rows.map(toDataset));
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) break;
    list = { ...list, after: [last.id] };
  }
  return out;
}

/** Every job of one type the caller sees in a project, oldest first. */
export async function allJobs(
  services: CompatServices,
  principal: Principal,
  projectId: string,
  type: string,
  status?: string,
): Promise<Job[]> {
  const out: Job[] = [];
  let list = firstPage();
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await services.jobs.list(principal, { projectId, type, status }, list);
    out.push(...page.rows.map((row) => toJob(row)));
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) break;
    list = { ...list, after: [last.id] };
  }
  return out;
}

export function resourceNotExist(what: string): ApiError {
  return new ApiError('not_found', `${what} does not exist.`);
}

/** `{D}` is the native dataset id; another workspace's is not found (the service checks). */
export async function datasetById(
  services: CompatServices,
  principal: Principal,
  id: string,
): Promise<Dataset> {
  return toDataset(await services.datasets.get(principal, id));
}

/** Branch `b` of dataset `N` is the dataset named `N.b` in its project; `main` is `N` itself. */
export async function branchDataset(
  services: CompatServices,
  principal: Principal,
  dataset: Dataset,
  branch: string,
): Promise<Dataset> {
  if (branch === 'main') return dataset;
  const name = `${dataset.name}.${branch}`;
  const found = (await allDatasets(services, principal, dataset.projectId)).find((d) => d.name === name);
  if (!found) throw resourceNotExist(`Branch "${branch}" of dataset "${dataset.name}" (dataset "${name}")`);
  return found;
}
