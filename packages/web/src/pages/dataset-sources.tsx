import { APIError, type BatchFromDatasetParams, type Dataset, type DatasetColumn } from '@batchyard/sdk';
import { describeError, useAsync } from '../lib.js';
import { useSession } from '../session.js';

// What the append and merge panels of a dataset's page share.

/** The problems an API error gives for exactly this pointer (not its children). */
export function problemsAt(error: unknown, pointer: string): string[] {
  return error instanceof APIError
    ? error.errors.filter((e) => e.pointer === pointer).map((e) => e.message)
    : [];
}

/** The other datasets of the dataset's project: the sources an append or a merge can take. */
export function useOtherDatasets(dataset: Dataset, version: number) {
  const { client } = useSession();
  return useAsync<Dataset[]>(
    async (signal) =>
      (await client.datasets.list({ projectId: dataset.projectId, limit: 1000 }, { signal })).data.filter(
        (d) => d.id !== dataset.id,
      ),
    [client, dataset.projectId, dataset.id, version],
  );
}

/** The server refused the request for fields the form shows: say so once, above them. */
export function ServerRefusal({ error }: { error: unknown }) {
  const { detail, code } = describeError(error);
  return (
    <p className="field-error" role="alert">
      The server refused: {detail} {code ? <code>{code}</code> : null} (see the fields marked above).
    </p>
  );
}

/**
 * `batchyard batches append …` for this request. Names go by name unless one could not be
 * written in `--map source:target:type` (a source name with `:`) or `--ignore a,b` (a name with
 * `,`): then every column goes by id.
 */
export function appendCli(
  targetId: string,
  body: BatchFromDatasetParams,
  sourceColumns: readonly DatasetColumn[],
  targetColumns: readonly DatasetColumn[],
  mapBy: 'name' | 'id',
): { dryRun: string[]; real: string[] } {
  const awkward =
    mapBy === 'name' &&
    (body.mapping.some((m) => m.source.includes(':')) || (body.ignore ?? []).some((n) => n.includes(',')));
  const idOf = (columns: readonly DatasetColumn[], key: string) =>
    columns.find((c) => c.name === key)?.id ?? key;
  // --map-by applies to both sides: with ids for the source, the targets go by id too.
  const mapping = awkward
    ? body.mapping.map((m) => ({
        ...m,
        source: idOf(sourceColumns, m.source),
        target: idOf(targetColumns, m.target),
      }))
    : body.mapping;
  const ignore = awkward ? (body.ignore ?? []).map((n) => idOf(sourceColumns, n)) : (body.ignore ?? []);
  const common = [
    'batches',
    'append',
    targetId,
    '--source',
    body.sourceDatasetId || 'SOURCE',
    ...mapping.flatMap((m) => ['--map', `${m.source}:${m.target}:${m.expectedType}`]),
    ...(mapBy === 'id' || awkward ? ['--map-by', 'id'] : []),
    ...(ignore.length > 0 ? ['--ignore', ignore.join(',')] : []),
    ...(body.onRowError === 'skip' ? ['--on-row-error', 'skip'] : []),
  ];
  return {
    dryRun: [...common, '--validate-only', '--wait'],
    real: [
      ...common,
      ...(body.name ? ['--name', body.name] : []),
      ...(body.deleteSource ? ['--delete-source'] : []),
      ...(body.newDataset ? ['--new-dataset', body.newDataset.name] : []),
      '--wait',
    ],
  };
}
