import { describe, expect, it } from 'vitest';
import { createKubeClient } from './kube-client';
import { jsonResponse, type FakeRequest } from '../test/fake-stream';

function recording(answer: (req: FakeRequest) => Response) {
  const requests: FakeRequest[] = [];
  const client = createKubeClient({
    fetch: async (url, init) => {
      requests.push({ url, init });
      return answer({ url, init });
    },
  });
  return { client, requests };
}

const header = (req: FakeRequest, name: string) => (req.init?.headers as Record<string, string> | undefined)?.[name];

describe('kube.get / patch / delete', () => {
  it('GETs one object', async () => {
    const { client, requests } = recording(() => jsonResponse({ kind: 'Pod', metadata: { name: 'p' } }));
    expect(await client.get('/api/v1/namespaces/default/pods/p')).toEqual({ kind: 'Pod', metadata: { name: 'p' } });
    expect(requests[0].url).toBe('/k8s/api/v1/namespaces/default/pods/p');
    expect(requests[0].init?.method).toBe('GET');
  });

  it('PATCHes with a merge patch by default, and returns what the server answered', async () => {
    const { client, requests } = recording(() => jsonResponse({ kind: 'Scale', spec: { replicas: 3 } }));
    const scale = await client.patch('/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 3 } });
    expect(scale).toEqual({ kind: 'Scale', spec: { replicas: 3 } });
    expect(requests[0].init?.method).toBe('PATCH');
    expect(header(requests[0], 'Content-Type')).toBe('application/merge-patch+json');
    expect(requests[0].init?.body).toBe('{"spec":{"replicas":3}}');
  });

  it('DELETEs with background propagation, as kubectl delete does', async () => {
    const { client, requests } = recording(() => jsonResponse({ kind: 'Status', status: 'Success' }));
    await client.delete('/apis/apps/v1/namespaces/default/deployments/web');
    expect(requests[0].init?.method).toBe('DELETE');
    expect(JSON.parse(String(requests[0].init?.body))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  });

  it('rejects with the Status message when the server refuses', async () => {
    const { client } = recording(() =>
      jsonResponse({ kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound', message: 'deployments.apps "web" not found' }, 404),
    );
    await expect(client.patch('/apis/apps/v1/namespaces/default/deployments/web/scale', {})).rejects.toMatchObject({
      message: 'deployments.apps "web" not found',
      code: 404,
      reason: 'NotFound',
    });
  });
});
