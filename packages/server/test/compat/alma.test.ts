import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../../test/support/index.js';
import { ALMA_TEST_TYPE, almaWorld, type AlmaWorld } from '../../../../test/compat/alma-fixture.js';

const BASE = '/compat/alma/almaws/v1/conf/jobs';
const NS = 'http://com/exlibris/urm/general/xmlbeans';

/** One Alma-style request through inject: `apikey` auth, XML unless asked for JSON. */
async function alma(
  server: TestServer,
  method: 'GET' | 'POST',
  url: string,
  key: string | undefined,
  options: { json?: boolean; body?: string; contentType?: string } = {},
) {
  const type = options.json ? 'application/json' : 'application/xml';
  const response = await server.app.inject({
    method,
    url,
    headers: {
      accept: type,
      'content-type': options.contentType ?? type,
      ...(key ? { authorization: `apikey ${key}` } : {}),
    },
    ...(options.body !== undefined ? { payload: options.body } : {}),
  });
  return {
    status: response.statusCode,
    type: String(response.headers['content-type']),
    body: response.body,
    headers: response.headers,
  };
}

/** Alma's XML error: the namespace and errorMessage the client reads. */
function xmlError(response: { status: number; type: string; body: string }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.type).toMatch(/^application\/xml/);
  expect(response.body).toContain(`<web_service_result xmlns="${NS}">`);
  expect(response.body).toContain(`<errorCode>${code}</errorCode>`);
  const message = /<errorMessage>([^<]*)<\/errorMessage>/.exec(response.body)?.[1];
  expect(message).toBeTruthy();
  return message!;
}

function jsonError(response: { status: number; type: string; body: string }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.type).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(body.errorsExist).toBe(true);
  expect(body.errorList.error[0].errorCode).toBe(code);
  return body.errorList.error[0].errorMessage as string;
}

for (const dialect of testDialects()) {
  describe(`Alma adapter edges on ${dialect}`, () => {
    let server: TestServer;
    let world: AlmaWorld;
    const instanceCount = async (definitionId = world.definitionId) =>
      JSON.parse(
        (await alma(server, 'GET', `${BASE}/M${definitionId}/instances`, world.tenant.apiKey, { json: true }))
          .body,
      ).total_record_count as number;

    beforeAll(async () => {
      server = await startTestServer(dialect, {}, { jobTypes: [ALMA_TEST_TYPE] });
      world = await almaWorld(server, dialect);
    });
    afterAll(() => server?.close());

    it('serves the job as XML and a run answers additional_info with the job id', async () => {
      const job = await alma(server, 'GET', `${BASE}/M${world.definitionId}`, world.tenant.apiKey);
      expect(job.status).toBe(200);
      expect(job.body).toContain(`<id>M${world.definitionId}</id><name>Export</name>`);
      const run = await alma(server, 'POST', `${BASE}/O${world.definitionId}?op=run`, world.tenant.apiKey, {
        body: '<job/>',
      });
      expect(run.status).toBe(200);
      const link = /<additional_info link="([^"]+)"/.exec(run.body)?.[1] ?? '';
      const id = link.split('/').at(-1)!;
      expect(id).toMatch(/^job_/);
      expect(run.headers['x-exl-api-remaining']).toBeUndefined();
      expect(await instanceCount()).toBe(1);
    });

    it('refuses DTDs, entities, deep, huge and malformed XML, changing nothing', async () => {
      const before = await instanceCount();
      const bodies = [
        '<?xml version="1.0"?><!DOCTYPE job [<!ENTITY x SYSTEM "file:///etc/passwd">]><job><parameters><parameter><name>note</name><value>&x;</value></parameter></parameters></job>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><job>&lol2;</job>',
        '<job><parameters><parameter><name>note</name><value>&unknown;</value></parameter></parameters></job>',
        '<job>' + '<a>'.repeat(40) + '</a>'.repeat(40) + '</job>',
        '<job><parameters><parameter><name>note</name><value>' +
          'x'.repeat(70_000) +
          '</value></parameter></parameters></job>',
        '<job><parameters><parameter><name>note</name></parameters></job>',
        '<job><parameters><parameter><name>note</name><value>a</value></parameter><parameter><name>note</name><value>b</value></parameter></parameters></job>',
        '<other/>',
        'not xml at all <',
        '<job><parameters><parameter><name>steps</name><value>lots</value></parameter></parameters></job>',
        '<job><parameters><parameter><name>steps</name><value>1e999</value></parameter></parameters></job>',
        '<job><parameters><parameter><name>nope</name><value>1</value></parameter></parameters></job>',
      ];
      for (const body of bodies) {
        const response = await alma(
          server,
          'POST',
          `${BASE}/M${world.definitionId}?op=run`,
          world.tenant.apiKey,
          { body },
        );
        expect([400, 413]).toContain(response.status);
        xmlError(response, response.status, '402204');
      }
      const json = await alma(server, 'POST', `${BASE}/M${world.definitionId}?op=run`, world.tenant.apiKey, {
        json: true,
        body: '{"parameters":{}}',
      });
      jsonError(json, 400, '402204');
      const noOp = await alma(server, 'POST', `${BASE}/M${world.definitionId}`, world.tenant.apiKey, {
        body: '<job/>',
      });
      expect(xmlError(noOp, 400, '402204')).toContain('op=run');
      expect(await instanceCount()).toBe(before);
    });

    it('reads character references and the predefined entities in run parameters', async () => {
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<job>\n  <parameters>\n    <parameter><name> note </name>' +
        '<value>&#x41;&#66; &lt;&amp;&gt; &quot;&apos; &#128512;</value></parameter>\n  </parameters>\n</job>';
      const run = await alma(server, 'POST', `${BASE}/M${world.definitionId}?op=run`, world.tenant.apiKey, {
        body,
      });
      expect(run.status, run.body).toBe(200);
      const id = /<additional_info link="[^"]+\/(job_[^"]+)"/.exec(run.body)?.[1];
      const job = await server.app.inject({
        method: 'GET',
        url: `/v1/jobs/${id}`,
        headers: { authorization: `Bearer ${world.tenant.apiKey}` },
      });
      expect(job.json().arguments).toEqual({ steps: 1, note: 'AB <&> "\' \u{1F600}' });
    });

    it("another workspace's definition and instance ids are Alma's not-found, in XML and JSON", async () => {
      const theirs = await alma(server, 'GET', `${BASE}/M${world.otherDefinitionId}`, world.tenant.apiKey);
      expect(xmlError(theirs, 404, '402215')).toContain('not found');
      const run = await alma(
        server,
        'POST',
        `${BASE}/M${world.otherDefinitionId}?op=run`,
        world.tenant.apiKey,
        { body: '<job/>' },
      );
      xmlError(run, 404, '402215');
      const list = await alma(
        server,
        'GET',
        `${BASE}/M${world.otherDefinitionId}/instances`,
        world.tenant.apiKey,
        { json: true },
      );
      jsonError(list, 404, '402215');
      const theirRun = await alma(
        server,
        'POST',
        `${BASE}/M${world.otherDefinitionId}?op=run`,
        world.other.apiKey,
        { body: '<job/>' },
      );
      const theirJob = /instances\/([^"]+)"/.exec(theirRun.body)?.[1];
      expect(theirJob).toMatch(/^job_/);
      const cross = await alma(
        server,
        'GET',
        `${BASE}/M${world.definitionId}/instances/${theirJob}`,
        world.tenant.apiKey,
        { json: true },
      );
      jsonError(cross, 404, '402215');
      for (const path of [
        `${BASE}/X${world.definitionId}`,
        `${BASE}/M`,
        `${BASE}/M${world.definitionId}/instances/%3Cx%3E`,
        '/compat/alma/almaws/v1/bibs/1',
      ]) {
        const response = await alma(server, 'GET', path, world.tenant.apiKey);
        expect({ path, type: response.type }).toEqual({
          path,
          type: expect.stringMatching(/^application\/xml/),
        });
        xmlError(response, 404, '402215');
      }
      const unknownPost = await alma(server, 'POST', '/compat/alma/almaws/v1/bibs', world.tenant.apiKey, {
        body: '<bib/>',
      });
      xmlError(unknownPost, 404, '402215');
    });

    it('wrong or missing credentials get 401 in the family shape; a viewer cannot run', async () => {
      for (const key of [undefined, 'byk_wrong', `${world.tenant.apiKey}x`]) {
        const response = await alma(server, 'GET', `${BASE}/M${world.definitionId}`, key);
        const message = xmlError(response, 401, 'UNAUTHORIZED');
        expect(message).not.toContain(world.tenant.apiKey);
      }
      const bearer = await server.app.inject({
        method: 'GET',
        url: `${BASE}/M${world.definitionId}/instances`,
        headers: { authorization: `Bearer ${world.tenant.apiKey}`, accept: 'application/json' },
      });
      expect(bearer.statusCode).toBe(401);
      const before = await instanceCount();
      const viewer = await alma(server, 'POST', `${BASE}/M${world.definitionId}?op=run`, world.viewerKey, {
        body: '<job/>',
      });
      xmlError(viewer, 403, 'FORBIDDEN');
      const read = await alma(server, 'GET', `${BASE}/M${world.definitionId}/instances`, world.viewerKey, {
        json: true,
      });
      expect(read.status).toBe(200);
      expect(await instanceCount()).toBe(before);
    });

    it('a throttled run is 400 with the threshold code (never 429: the client would exit), and starts nothing', async () => {
      const first = await alma(
        server,
        'POST',
        `${BASE}/M${world.throttledDefinitionId}?op=run`,
        world.tenant.apiKey,
        { body: '<job/>' },
      );
      expect(first.status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const again = await alma(
          server,
          'POST',
          `${BASE}/M${world.throttledDefinitionId}?op=run`,
          world.tenant.apiKey,
          { body: '<job/>' },
        );
        expect(xmlError(again, 400, '402222')).toContain('maxStartsPerHour');
        expect(again.headers['retry-after']).toBeDefined();
      }
      expect(await instanceCount(world.throttledDefinitionId)).toBe(1);
    });

    it('filters instances by status, submit dates, limit and offset; bad filters are refused', async () => {
      const all = JSON.parse(
        (
          await alma(server, 'GET', `${BASE}/M${world.definitionId}/instances`, world.tenant.apiKey, {
            json: true,
          })
        ).body,
      );
      expect(all.total_record_count).toBeGreaterThan(0);
      const today = new Date().toISOString().slice(0, 10);
      const q = async (query: string) =>
        JSON.parse(
          (
            await alma(
              server,
              'GET',
              `${BASE}/M${world.definitionId}/instances?${query}`,
              world.tenant.apiKey,
              { json: true },
            )
          ).body,
        );
      expect((await q(`submit_date_from=${today}Z&submit_date_to=${today}`)).total_record_count).toBe(
        all.total_record_count,
      );
      expect((await q('submit_date_to=2000-01-01')).total_record_count).toBe(0);
      expect((await q('status=FAILED')).total_record_count).toBe(0);
      const paged = await q('limit=1&offset=0');
      expect(paged.job_instance).toHaveLength(1);
      expect(paged.total_record_count).toBe(all.total_record_count);
      expect((await q(`offset=${all.total_record_count}`)).job_instance).toEqual([]);
      for (const bad of ['status=DONE', 'submit_date_from=yesterday', 'limit=1000', 'offset=-1']) {
        const response = await alma(
          server,
          'GET',
          `${BASE}/M${world.definitionId}/instances?${bad}`,
          world.tenant.apiKey,
          { json: true },
        );
        jsonError(response, 400, '402204');
      }
    });
  });
}
