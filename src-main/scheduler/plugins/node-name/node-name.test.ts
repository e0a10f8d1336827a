import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';

describe('NodeName', () => {
  it.each([
    { want: undefined, filters: { n1: 'ok', n2: 'ok' } },
    { want: 'n2', filters: { n1: "node(s) didn't match the requested node name", n2: 'ok' } },
    { want: 'gone', filters: { n1: "node(s) didn't match the requested node name", n2: "node(s) didn't match the requested node name" } },
  ])('spec.nodeName=$want', ({ want, filters }) => {
    const r = runPlugins([{ name: 'NodeName' }], [{ name: 'n1' }, { name: 'n2' }], [], { name: 'p', spec: want ? { nodeName: want } : {} });
    expect(r.filters).toEqual(filters);
  });
});
