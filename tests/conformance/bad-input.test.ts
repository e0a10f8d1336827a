/**
 * Bad input gets the upstream status code and message, and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubedeck, type KubedeckProcess } from '../harness/kubedeck-process';
import { RawClient } from '../harness/raw-client';

let kd: KubedeckProcess;
let api: RawClient;

beforeAll(async () => {
  kd = await startKubedeck();
  api = new RawClient(kd.kubeconfig);
});

afterAll(async () => {
  api?.close();
  await kd?.stop();
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Status {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
}

describe('bad input', () => {
  it('malformed JSON is a 400 BadRequest naming the expected kind', async () => {
    const r = await api.request('POST', '/api/v1/namespaces/default/pods', '{"apiVersion":"v1","kind":"Pod",', JSON_HEADERS);
    expect(r.status).toBe(400);
    const s = r.json<Status>();
    expect(s).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
    expect(s.message).toMatch(/^the object provided is unrecognized \(must be of type Pod\): couldn't get version\/kind; json parse error: /);
  });

  it('malformed YAML is a 400 BadRequest', async () => {
    const r = await api.request('POST', '/api/v1/namespaces/default/configmaps', 'kind: ConfigMap\n  bad: [indent', { 'Content-Type': 'application/yaml' });
    expect(r.status).toBe(400);
    expect(r.json<Status>().reason).toBe('BadRequest');
  });

  it('an unknown resource is a 404 NotFound Status', async () => {
    const r = await api.request('GET', '/api/v1/namespaces/default/frobnicators');
    expect(r.status).toBe(404);
    expect(r.json<Status>()).toMatchObject({ reason: 'NotFound', message: 'the server could not find the requested resource', code: 404 });
  });

  it('the wrong kind for the URL is a 400 BadRequest', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } });
    const r = await api.request('POST', '/api/v1/namespaces/default/pods', body, JSON_HEADERS);
    expect(r.status).toBe(400);
    expect(r.json<Status>().message).toMatch(/^Service in version "v1" cannot be handled as a Pod: /);
    const wrongVersion = await api.request('POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify({ apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'x' } }), JSON_HEADERS);
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.json<Status>().message).toBe('the API version in the data (apps/v1beta2) does not match the expected API version (apps/v1)');
  });

  it('a body over 3 MiB is a 413 RequestEntityTooLarge', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } });
    const r = await api.request('POST', '/api/v1/namespaces/default/configmaps', big, JSON_HEADERS);
    expect(r.status).toBe(413);
    expect(r.json<Status>()).toMatchObject({ reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728', code: 413 });
  });

  it('an invalid object is a 422 with causes', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'main' }] } });
    const r = await api.request('POST', '/api/v1/namespaces/default/pods', body, JSON_HEADERS);
    expect(r.status).toBe(422);
    const s = r.json<Status & { details: { causes: { field: string; reason: string }[] } }>();
    expect(s.reason).toBe('Invalid');
    expect(s.details.causes.map((c) => c.field)).toEqual(expect.arrayContaining(['metadata.name', 'spec.containers[0].image']));
  });

  it('unauthenticated requests get 401 except version and health', async () => {
    const anon = new RawClient(kd.kubeconfig, true);
    try {
      expect((await anon.request('GET', '/version')).status).toBe(200);
      expect((await anon.request('GET', '/readyz')).body).toBe('ok');
      const r = await anon.request('GET', '/api/v1/pods');
      expect(r.status).toBe(401);
      expect(r.json<Status>()).toMatchObject({ reason: 'Unauthorized', code: 401 });
    } finally {
      anon.close();
    }
  });

  it('keeps serving after all of that', async () => {
    const r = await api.request('GET', '/api/v1/nodes');
    expect(r.status).toBe(200);
    expect(r.json<{ items: unknown[] }>().items).toHaveLength(6);
  });
});
