import { describe, expect, it } from 'vitest';
import type { NodeShorthand } from '../../testing/objects';
import { runPlugins } from '../../testing/run-plugins';

const nodes: NodeShorthand[] = [
  { name: 'a', labels: { disk: 'ssd', gen: '3' } },
  { name: 'b', labels: { disk: 'hdd', gen: '5' } },
  { name: 'c', labels: {} },
];
const NO = "node(s) didn't match Pod's node affinity/selector";

describe('NodeAffinity', () => {
  it.each([
    { name: 'nodeSelector', pod: { nodeSelector: { disk: 'ssd' } }, want: { a: 'ok', b: NO, c: NO } },
    { name: 'NotIn matches a missing label', pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] }] } } } }, want: { a: NO, b: 'ok', c: 'ok' } },
    { name: 'Gt', pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }] } } } }, want: { a: NO, b: 'ok', c: NO } },
    {
      name: 'terms are ORed',
      pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] }, { matchExpressions: [{ key: 'disk', operator: 'DoesNotExist' }] }] } } } },
      want: { a: NO, b: 'ok', c: 'ok' },
    },
    { name: 'no terms matches nothing', pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }, want: { a: NO, b: NO, c: NO } },
  ])('$name', ({ pod, want }) => {
    expect(runPlugins([{ name: 'NodeAffinity', weight: 2 }], nodes, [], { name: 'p', ...pod }).filters).toEqual(want);
  });

  it('scores preferred terms by weight, normalized to 100, × 2', () => {
    const pod = {
      name: 'p',
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 60, preference: { matchExpressions: [{ key: 'gen', operator: 'Exists' }] } },
          ],
        },
      },
    };
    expect(runPlugins([{ name: 'NodeAffinity', weight: 2 }], nodes, [], pod).scores).toEqual({ a: 200, b: 150, c: 0 });
  });

  it('metadata.name fields narrow the candidates before filtering', () => {
    const pod = { name: 'p', affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b', 'zz'] }] }] } } } };
    const r = runPlugins([{ name: 'NodeAffinity', weight: 2 }], nodes, [], pod);
    expect(r.filters).toEqual({ b: 'ok' });
    expect(r.result.result === 'Scheduled' && r.result.nodeName).toBe('b');
  });
});
