import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../framework/pod-info';
import { makePod } from '../../testing/objects';
import { PrioritySort } from './priority-sort';

describe('PrioritySort', () => {
  const q = (name: string, priority: number, timestamp: number) => ({ podInfo: new PodInfo(makePod({ name, priority })), timestamp });
  it('orders by priority, then by queue time', () => {
    const s = new PrioritySort();
    expect(s.less(q('a', 10, 5), q('b', 0, 1))).toBe(true);
    expect(s.less(q('a', 0, 1), q('b', 0, 2))).toBe(true);
    expect(s.less(q('a', 0, 2), q('b', 0, 1))).toBe(false);
  });
});
