import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_SOURCES } from '@batchyard/server';
import { SERVE_OPTIONS } from '../src/serve-options.js';
import { assertBuilt, BIN, cleanEnv, runCli } from './helpers.js';
import { freePort, serve } from './spawn.js';

describe('batchyard serve', () => {
  let dataDir: string;
  const running: ChildProcess[] = [];

  beforeAll(() => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'batchyard-serve-'));
  });
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a flag for every server setting, the same as the server documents', () => {
    for (const [key, source] of Object.entries(CONFIG_SOURCES)) {
      expect(SERVE_OPTIONS[key as keyof typeof SERVE_OPTIONS], key).toMatchObject(source);
    }
    expect(Object.keys(SERVE_OPTIONS).sort()).toEqual(Object.keys(CONFIG_SOURCES).sort());
  });

  it('prints the URL, docs and admin key once, answers /healthz, says where the key is on restart, and stops on SIGTERM', async () => {
    const port = await freePort();
    const args = [
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--log-level',
      'warn',
      '--no-worker',
    ];

    const first = await serve(args);
    running.push(first.child);
    expect(first.url).toBe(`http://localhost:${port}`);
    expect(first.banner).toContain(`API docs:  ${first.url}/docs`);
    expect(first.banner).toContain('not run here (--no-worker)');
    const keyPath = join(dataDir, 'admin-key');
    const adminKey = readFileSync(keyPath, 'utf8').trim();
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(first.banner).toContain(`Admin key (created now, shown only this once; also saved in ${keyPath})`);
    expect(first.banner).toContain(`  ${adminKey}\n`);
    expect(first.banner).toContain(`batchyard login --url ${first.url} --token ${adminKey}`);

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    // The printed key works, through the CLI too.
    const who = await runCli(['whoami', '--json', '--url', first.url, '--token', adminKey]);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ role: 'admin', workspaceId: null });

    // The port is taken: a clear message, exit 1.
    const busyDir = mkdtempSync(join(tmpdir(), 'batchyard-serve-busy-'));
    try {
      const busy = await runCli([
        'serve',
        '--data-dir',
        busyDir,
        '--port',
        String(port),
        '--log-level',
        'silent',
      ]);
      expect(busy.code, busy.stderr).toBe(1);
      expect(busy.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      rmSync(busyDir, { recursive: true, force: true });
    }

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.stderr()).toContain('SIGTERM: shutting down');

    const second = await serve(args);
    running.push(second.child);
    expect(second.banner).toContain(`Admin key: in ${keyPath}`);
    expect(second.banner).not.toContain(adminKey);
    expect(second.banner).toContain(`batchyard login --url ${second.url} --token "$(cat ${keyPath})"`);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  });

  it('runs a worker whose metrics port answers /metrics, /healthz and /readyz and nothing else', async () => {
    const workerDir = mkdtempSync(join(tmpdir(), 'batchyard-worker-'));
    const child = spawn(
      process.execPath,
      [
        BIN,
        'worker',
        '--data-dir',
        workerDir,
        '--host',
        '127.0.0.1',
        '--metrics-port',
        '0',
        '--log-level',
        'warn',
      ],
      { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let stdout = '';
      const metricsUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no metrics URL within 20 s:\n${stdout}`)), 20_000);
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const url = /^ {2}Metrics: +(\S+)$/m.exec(stdout)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
      });
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const metrics = await fetch(metricsUrl);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^batchyard_store_up 1$/m);
      const base = metricsUrl.replace(/\/metrics$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const api = await fetch(`${base}/v1/jobs`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
      expect(((await api.json()) as { code: string }).code).toBe('not_found');
      child.kill('SIGTERM');
      expect(await exit).toBe(0);

      const bad = await runCli(['worker', '--data-dir', workerDir, '--metrics-port', '70000']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--metrics-port must be a port number from 0 to 65535, not "70000"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(workerDir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the message on a configuration error', async () => {
    const result = await runCli(['serve', '--data-dir', dataDir, '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port / BATCHYARD_PORT');
    const fromEnv = await runCli(['serve', '--data-dir', dataDir], {
      env: { BATCHYARD_LOG_LEVEL: 'chatty' },
    });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('BATCHYARD_LOG_LEVEL');
    expect(existsSync(join(dataDir, 'admin-key'))).toBe(true);
  });
});
