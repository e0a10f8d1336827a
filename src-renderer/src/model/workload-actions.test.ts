import { describe, expect, it } from 'vitest';
import { deploymentPath, restartPatch, rfc3339, scalePatch, scalePath } from './workload-actions';

describe('Deployment action requests', () => {
  it('addresses the deployment and its scale subresource', () => {
    expect(deploymentPath('shop', 'web')).toBe('/apis/apps/v1/namespaces/shop/deployments/web');
    expect(scalePath('shop', 'web')).toBe('/apis/apps/v1/namespaces/shop/deployments/web/scale');
  });

  it('scales with a merge patch of spec.replicas', () => {
    expect(scalePatch(3)).toEqual({ spec: { replicas: 3 } });
    expect(scalePatch(0)).toEqual({ spec: { replicas: 0 } });
    expect(() => scalePatch(-1)).toThrow(RangeError);
    expect(() => scalePatch(1.5)).toThrow(RangeError);
  });

  it('restarts as kubectl rollout restart: an RFC 3339 restartedAt on the template', () => {
    const now = Date.parse('2025-03-04T05:06:07.890Z');
    expect(rfc3339(now)).toBe('2025-03-04T05:06:07Z');
    expect(restartPatch(now)).toEqual({
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-03-04T05:06:07Z' } } } },
    });
  });
});
