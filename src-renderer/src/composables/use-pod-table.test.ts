import { describe, expect, it } from 'vitest';
import { ref, shallowReactive } from 'vue';
import type { Pod } from 'kubernetes-types/core/v1';
import { usePodTable } from './use-pod-table';
import type { PodFilter } from '../model/pod-row';

const pod = (namespace: string, name: string, nodeName = '', phase = 'Pending'): Pod => ({
  metadata: { namespace, name, uid: `uid-${name}` },
  spec: { nodeName, containers: [{ name: 'app' }] },
  status: { phase },
});

function setup(...pods: Pod[]) {
  const items = shallowReactive(new Map<string, Pod>());
  for (const p of pods) items.set(p.metadata!.uid!, p);
  const filter = ref<PodFilter>({ namespace: null, search: '' });
  return { items, filter, table: usePodTable(items, filter) };
}

describe('usePodTable', () => {
  it('keeps the same row array when a pod changes, and a new one when pods come or go', () => {
    const { items, table } = setup(pod('a', 'p1'), pod('b', 'p2'));
    const before = table.rows.value;
    expect(before.map((h) => h.name)).toEqual(['p1', 'p2']);

    items.set('uid-p1', pod('a', 'p1', 'node-1', 'Running'));
    expect(table.rows.value).toBe(before);
    expect(table.rowOf(before[0]).status).toBe('Running');

    items.set('uid-p3', pod('a', 'p3'));
    expect(table.rows.value.map((h) => h.name)).toEqual(['p1', 'p2', 'p3']);
    items.delete('uid-p1');
    expect(table.rows.value.map((h) => h.name)).toEqual(['p2', 'p3']);
    expect(table.rows.value[0]).toBe(before[1]); // handles are stable
  });

  it('filters by namespace and by search on name, node or IP, following changes', () => {
    const { items, filter, table } = setup(pod('a', 'web-1'), pod('b', 'web-2'), pod('b', 'db-1'));
    filter.value = { namespace: 'b', search: '' };
    expect(table.rows.value.map((h) => h.name)).toEqual(['web-2', 'db-1']);
    filter.value = { namespace: null, search: ' WEB ' };
    expect(table.rows.value.map((h) => h.name)).toEqual(['web-1', 'web-2']);

    filter.value = { namespace: null, search: 'worker-7' };
    expect(table.rows.value).toEqual([]);
    items.set('uid-db-1', pod('b', 'db-1', 'kd-worker-7'));
    expect(table.rows.value.map((h) => h.name)).toEqual(['db-1']);
    const same = table.rows.value;
    items.set('uid-web-1', pod('a', 'web-1', 'kd-worker-1')); // no change to the result
    expect(table.rows.value).toBe(same);
  });

  it('lists the namespaces present, sorted', () => {
    const { table } = setup(pod('kube-system', 'x'), pod('default', 'y'), pod('default', 'z'));
    expect(table.namespaces.value).toEqual(['default', 'kube-system']);
  });
});
