import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@batchyard/server';
import {
  ERRORS_DOC_PATH,
  SDK_TYPES_PATH,
  openApiDocument,
  renderErrorsDoc,
  renderSdkTypes,
} from '../scripts/generated-files.mjs';

describe('files derived from the server', () => {
  it('docs/errors.md lists exactly the codes of the registry, with their statuses', () => {
    const doc = readFileSync(ERRORS_DOC_PATH, 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual(Object.entries(ERROR_CODES).map(([code, info]) => [code, info.status]));
    expect(doc).toBe(renderErrorsDoc());
  });

  it("the SDK's wire types match the server's OpenAPI document (run `npm run gen` after changing a route)", async () => {
    expect(readFileSync(SDK_TYPES_PATH, 'utf8')).toBe(await renderSdkTypes());
  });

  it('documents every /v1 route with an operation id, and errors as problem+json', async () => {
    const document = await openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId?: string; responses: object }>>,
    ).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThanOrEqual(15);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(Object.keys(operation.responses)).toContain('4XX');
    }
  });
});
