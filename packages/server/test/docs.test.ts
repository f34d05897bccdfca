import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/index.js';

describe('API documentation served by the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => server?.close());

  it('serves the OpenAPI document and a docs page whose assets all come from this server', async () => {
    const openapi = await fetch(`${server.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(
      ((await openapi.json()) as { paths: Record<string, unknown> }).paths['/v1/workspaces'],
    ).toBeDefined();

    const page = await fetch(`${server.url}/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      expect((await fetch(new URL(asset, `${server.url}/docs/`))).status).toBe(200);
    }
    const initializer = await (await fetch(`${server.url}/docs/static/swagger-initializer.js`)).text();
    expect(initializer).toContain('"validatorUrl":null');
  });
});
