import { describe, inject, it } from 'vitest';
import type { TestServer } from '../support/index.js';

/**
 * A suite driven by the real seed clients. Without them (no ../shared, no pip index) it is skipped
 * with the loud line global setup printed, except under BATCHYARD_STRICT_TESTS=1 (CI), where the
 * missing clients are a failure.
 */
export function seedClientSuite(name: string, body: (python: string) => void): void {
  const python = inject('seedPython');
  if (python) {
    describe(name, () => body(python));
  } else if (process.env.BATCHYARD_STRICT_TESTS === '1') {
    describe(name, () => {
      it('has the seed clients', () => {
        throw new Error(`the seed clients are not installed: ${inject('seedClientsProblem')}`);
      });
    });
  } else {
    describe.skip(name, () => {
      it('needs the seed clients', () => undefined);
    });
  }
}

/** One JSON request over real HTTP with a Bearer token; throws unless the status is the one expected. */
export async function api<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  server: TestServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  expectStatus?: number,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const expected = expectStatus ?? (method === 'POST' ? [200, 201, 202] : [200, 202, 204]);
  const ok = Array.isArray(expected) ? expected.includes(response.status) : response.status === expected;
  if (!ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface CompatTenant {
  workspaceId: string;
  /** An admin API key of the workspace. */
  apiKey: string;
  /** An admin API client of the workspace (id and secret). */
  clientId: string;
  clientSecret: string;
}

/** A fresh workspace with an admin API key and an admin API client, made through the native API. */
export async function compatTenant(server: TestServer, name: string, role = 'admin'): Promise<CompatTenant> {
  const workspace = await api<{ id: string }>(server, server.adminToken, 'POST', '/v1/workspaces', { name });
  const key = await api<{ token: string }>(server, server.adminToken, 'POST', '/v1/keys', {
    name: `${name} key`,
    role,
    workspaceId: workspace.id,
  });
  const client = await api<{ id: string; clientSecret: string }>(
    server,
    server.adminToken,
    'POST',
    '/v1/clients',
    {
      name: `${name} client`,
      role,
      workspaceId: workspace.id,
    },
  );
  return {
    workspaceId: workspace.id,
    apiKey: key.token,
    clientId: client.id,
    clientSecret: client.clientSecret,
  };
}
