import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';
import { runPython } from '../support/seed-clients.js';
import { ALMA_TEST_TYPE, almaWorld, type AlmaWorld } from './alma-fixture.js';
import { api, seedClientSuite } from './support.js';

const script = new URL('./python/alma.py', import.meta.url).pathname;

/* eslint-disable @typescript-eslint/no-explicit-any -- the script's observations are loose JSON */
for (const dialect of testDialects()) {
  seedClientSuite(`almapiwrapper config.Job, unmodified, on ${dialect}`, (python) => {
    let server: TestServer;
    let world: AlmaWorld;
    let dir: string;
    let foreignInstanceId: string;
    let seen: any;

    beforeAll(async () => {
      server = await startTestServer(dialect, {}, { jobTypes: [ALMA_TEST_TYPE] });
      world = await almaWorld(server, dialect);
      const foreign = await api<{ id: string }>(
        server,
        world.other.apiKey,
        'POST',
        `/v1/definitions/${world.otherDefinitionId}/run`,
        {},
      );
      foreignInstanceId = foreign.id;
      dir = mkdtempSync(join(tmpdir(), 'alma-keys-'));
      const keys = join(dir, 'keys.json');
      const zone = (key: string) => [
        { API_Key: key, Supported_APIs: [{ Area: 'Conf', Permissions: 'RW', Env: 'P' }] },
      ];
      writeFileSync(
        keys,
        JSON.stringify({
          NZ: zone(world.tenant.apiKey),
          VIEW: zone(world.viewerKey),
          BAD: zone('byk_not_a_real_key_000000000000'),
        }),
      );
      const run = await runPython(python, script, {
        ALMA_BASE_URL: `${server.url}/compat/alma/almaws/v1`,
        alma_api_keys: keys,
        JOB_ID: world.definitionId,
        OTHER_JOB_ID: world.otherDefinitionId,
        THROTTLED_JOB_ID: world.throttledDefinitionId,
        FOREIGN_INSTANCE_ID: foreignInstanceId,
      });
      if (run.code !== 0 || run.result === undefined) {
        throw new Error(
          `alma.py exited ${String(run.code)}:\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-2000)}`,
        );
      }
      seen = run.result;
    }, 180_000);

    afterAll(async () => {
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('runs a job with XML parameters typed by the job type, and the instance id is the job id', async () => {
      expect(seen.run.error).toBe(false);
      expect(seen.run.job_name).toBe('Export');
      expect(seen.run.answer_id).toBe(`M${world.definitionId}`);
      const job = await api(server, world.tenant.apiKey, 'GET', `/v1/jobs/${seen.run.instance_id}`);
      expect(job.definitionId).toBe(world.definitionId);
      expect(job.arguments).toEqual({ steps: 4, note: 'a & b', warn: true });
    });

    it('follows the instance with check_instance_state until it completes, with warnings', () => {
      const states = seen.states as { status: string; progress: number }[];
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) {
        expect(['QUEUED', 'RUNNING', 'COMPLETED_WARNING']).toContain(state.status);
        expect(state.progress).toBeGreaterThanOrEqual(0);
        expect(state.progress).toBeLessThanOrEqual(100);
      }
      expect(states.at(-1)).toEqual({ status: 'COMPLETED_WARNING', progress: 100 });
    });

    it('get_instance_info gives the counters, alerts and times', () => {
      const info = seen.info;
      expect(info.id).toBe(seen.run.instance_id);
      expect(info.status.value).toBe('COMPLETED_WARNING');
      expect(info.counter).toEqual([
        { type: { value: 'label.processed', desc: 'label.processed' }, value: '4' },
      ]);
      expect(info.alerts).toEqual([{ value: 'alert.warning', desc: 'one record was skipped' }]);
      expect(info.submit_date).toMatch(/^\d{4}-\d{2}-\d{2}Z$/);
      expect(typeof info.end_time).toBe('string');
      expect(info.link.endsWith(`/instances/${seen.run.instance_id}`)).toBe(true);
    });

    it("run() with the default <job/> uses the definition's parameters; get_instances lists both", () => {
      expect(seen.plain_states.at(-1)).toEqual({ status: 'COMPLETED_SUCCESS', progress: 100 });
      expect(seen.instances.total_record_count).toBe(2);
      const ids = (seen.instances.job_instance as { id: string }[]).map((i) => i.id);
      expect(ids).toEqual([seen.plain_instance_id, seen.run.instance_id]);
      expect(seen.via_s_letter).toBe(2);
    });

    it("another workspace's definition and instances are Alma's not-found", () => {
      expect(seen.other.error).toBe(true);
      expect(seen.other.returned_job).toBe(true);
      expect(seen.other.error_msg).toContain('was not found');
      expect(seen.foreign_instance.error).toBe(true);
      expect(seen.foreign_instance.error_msg).toContain('was not found');
    });

    it('a wrong key is refused; a viewer reads but cannot run', async () => {
      expect(seen.bad_key.error).toBe(true);
      expect(seen.bad_key.error_msg).not.toBe('unknown error');
      expect(seen.viewer_count).toBe(2);
      expect(seen.viewer_run.error).toBe(true);
      expect(seen.viewer_run.instance_id).toBeNull();
      const list = await api(
        server,
        world.tenant.apiKey,
        'GET',
        `/v1/definitions/${world.definitionId}/instances`,
      );
      expect(list.data).toHaveLength(2);
    });

    it('a throttled definition refuses the second run without exit() and starts nothing', async () => {
      expect(seen.throttled.first_error).toBe(false);
      expect(seen.throttled.error).toBe(true);
      expect(seen.throttled.instance_id).toBeNull();
      expect(seen.throttled.error_msg).toContain('maxStartsPerHour 1');
      const list = await api(
        server,
        world.tenant.apiKey,
        'GET',
        `/v1/definitions/${world.throttledDefinitionId}/instances`,
      );
      expect(list.data.map((j: { id: string }) => j.id)).toEqual([seen.throttled.first_instance]);
    });
  });
}
