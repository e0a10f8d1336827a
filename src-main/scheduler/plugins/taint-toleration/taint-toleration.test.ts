import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';

describe('TaintToleration', () => {
  it('rejects the first untolerated NoSchedule/NoExecute taint, in the node order', () => {
    const nodes = [
      { name: 'cp', controlPlane: true },
      { name: 'two', taints: ['a=1:PreferNoSchedule', 'b=2:NoExecute', 'c:NoSchedule'] },
      { name: 'free' },
    ];
    const r = runPlugins([{ name: 'TaintToleration', weight: 3 }], nodes, [], { name: 'p', tolerations: [{ key: 'c', operator: 'Exists' }] });
    expect(r.filters).toEqual({
      cp: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      two: 'node(s) had untolerated taint {b: 2}',
      free: 'ok',
    });
  });

  it('scores fewer untolerated PreferNoSchedule taints higher (reverse-normalized, × weight)', () => {
    const nodes = [{ name: 'none' }, { name: 'one', taints: ['x:PreferNoSchedule'] }, { name: 'two', taints: ['x:PreferNoSchedule', 'y:PreferNoSchedule'] }];
    const r = runPlugins([{ name: 'TaintToleration', weight: 3 }], nodes, [], { name: 'p' });
    expect(r.scores).toEqual({ none: 300, one: 150, two: 0 });
    const tolerant = runPlugins([{ name: 'TaintToleration', weight: 3 }], nodes, [], { name: 'p', tolerations: [{ key: 'y', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    expect(tolerant.scores).toEqual({ none: 300, one: 0, two: 0 });
  });
});
