import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info';

const q = (s = ''): URLSearchParams => new URLSearchParams(s);

describe('parseRequestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', '', { verb: 'list', resource: 'pods', namespace: 'default', name: '' }],
    ['GET', '/api/v1/namespaces/default/pods', 'watch=true', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/pods', 'watch=1', { verb: 'watch', namespace: '' }],
    ['GET', '/api/v1/namespaces/default/pods/web', '', { verb: 'get', name: 'web' }],
    ['GET', '/api/v1/namespaces/default/pods/web/log', '', { verb: 'get', subresource: 'log' }],
    ['POST', '/api/v1/namespaces/default/pods', '', { verb: 'create' }],
    ['PUT', '/apis/apps/v1/namespaces/ns1/deployments/d/scale', '', { verb: 'update', apiGroup: 'apps', subresource: 'scale', namespace: 'ns1' }],
    ['PATCH', '/api/v1/nodes/cp-1', '', { verb: 'patch', resource: 'nodes', name: 'cp-1', namespace: '' }],
    ['DELETE', '/api/v1/namespaces/default/pods', '', { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/namespaces/default/pods/x', '', { verb: 'delete' }],
    ['GET', '/api/v1/namespaces/kube-system', '', { verb: 'get', resource: 'namespaces', name: 'kube-system', namespace: '' }],
    ['PUT', '/api/v1/namespaces/team/finalize', '', { verb: 'update', resource: 'namespaces', name: 'team', subresource: 'finalize' }],
    ['GET', '/api/v1/namespaces', '', { verb: 'list', resource: 'namespaces' }],
  ] as const)('%s %s?%s', (method, path, query, expected) => {
    const info = parseRequestInfo(method, path, q(query));
    expect(info.isResourceRequest).toBe(true);
    expect(info).toMatchObject(expected);
  });

  it.each(['/version', '/api', '/apis', '/api/v1', '/apis/apps', '/apis/apps/v1', '/openapi/v3'])('%s is not a resource request', (path) => {
    expect(parseRequestInfo('GET', path, q()).isResourceRequest).toBe(false);
  });
});
