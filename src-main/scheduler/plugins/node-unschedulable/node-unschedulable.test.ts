import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';

describe('NodeUnschedulable', () => {
  const nodes = [{ name: 'cordoned', unschedulable: true }, { name: 'open' }];
  it.each([
    { name: 'no toleration', tolerations: [], cordoned: 'node(s) were unschedulable' },
    { name: 'exact toleration', tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], cordoned: 'ok' },
    { name: 'tolerate everything', tolerations: [{ operator: 'Exists' }], cordoned: 'ok' },
    { name: 'wrong effect', tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], cordoned: 'node(s) were unschedulable' },
  ])('$name', ({ tolerations, cordoned }) => {
    const r = runPlugins([{ name: 'NodeUnschedulable' }], nodes, [], { name: 'p', tolerations });
    expect(r.filters).toEqual({ cordoned, open: 'ok' });
  });
});
