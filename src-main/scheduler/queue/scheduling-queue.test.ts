import { describe, expect, it } from 'vitest';
import { createProfile } from '../profile';
import { makePod } from '../testing/objects';
import { SchedulingQueue } from './scheduling-queue';

const newQueue = () => new SchedulingQueue(createProfile().framework);
const T0 = Date.UTC(2026, 0, 1);

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival', () => {
    const q = newQueue();
    q.add(makePod({ name: 'low-early', priority: 0 }), T0);
    q.add(makePod({ name: 'high', priority: 100 }), T0 + 1);
    q.add(makePod({ name: 'low-late', priority: 0 }), T0 + 2);
    q.add(makePod({ name: 'mid', priority: 50 }), T0 + 3);
    const order = [];
    for (let p = q.pop(T0 + 4); p; p = q.pop(T0 + 4)) order.push(p.podInfo.pod.metadata?.name);
    expect(order).toEqual(['high', 'mid', 'low-early', 'low-late']);
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, 10 s, 10 s after failures, then retries on flush', () => {
    const q = newQueue();
    q.add(makePod({ name: 'p' }), T0);
    let now = T0;
    let p = q.pop(now)!;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const cycle = q.currentSchedulingCycle;
      q.moveAllToActiveOrBackoffQueue('NodeAdd', now); // an event during the cycle: back off, then retry
      q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], cycle, now);
      const start = now;
      let next = q.pop(now);
      while (!next) {
        now += 100;
        q.flush(now);
        next = q.pop(now);
      }
      p = next;
      waits.push(now - start);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps unschedulable pods until a cluster event, then honours the remaining backoff', () => {
    const q = newQueue();
    q.add(makePod({ name: 'p' }), T0);
    const p = q.pop(T0)!;
    q.addUnschedulableIfNotPresent(p, ['NodeResourcesFit'], q.currentSchedulingCycle, T0);
    q.flush(T0 + 60_000);
    expect(q.pop(T0 + 60_000)).toBeUndefined();
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    q.moveAllToActiveOrBackoffQueue('NodeAdd', T0 + 500);
    expect(q.pendingPods().backoff).toHaveLength(1); // 1 s backoff not over at +0.5 s
    q.flush(T0 + 1000);
    expect(q.pop(T0 + 1000)?.podInfo.key).toBe('default/p');
  });

  it('flushes pods unschedulable for more than 5 minutes', () => {
    const q = newQueue();
    q.add(makePod({ name: 'p' }), T0);
    q.addUnschedulableIfNotPresent(q.pop(T0)!, ['TaintToleration'], q.currentSchedulingCycle, T0);
    q.flush(T0 + 5 * 60_000);
    expect(q.pop(T0 + 5 * 60_000)).toBeUndefined();
    q.flush(T0 + 5 * 60_000 + 1);
    expect(q.pop(T0 + 5 * 60_000 + 1)?.podInfo.key).toBe('default/p');
    expect(q.nextFlushAt()).toBeUndefined();
  });

  it('holds gated pods back until an update removes the gates', () => {
    const q = newQueue();
    const gated = makePod({ name: 'g', schedulingGates: ['example.com/wait'] });
    q.add(gated, T0);
    expect(q.pop(T0)).toBeUndefined();
    const [entry] = q.pendingPods().unschedulable;
    expect(entry.gatingPlugin).toBe('SchedulingGates');
    expect(entry.gatingMessage).toBe('waiting for scheduling gates: [example.com/wait]');
    q.moveAllToActiveOrBackoffQueue('NodeAdd', T0 + 1);
    expect(q.pop(T0 + 1)).toBeUndefined();
    q.update(gated, makePod({ name: 'g' }), T0 + 2);
    expect(q.pop(T0 + 2)?.podInfo.key).toBe('default/g');
  });

  it('an update to an unschedulable pod moves it; a status-only update does not', () => {
    const q = newQueue();
    const pod = makePod({ name: 'p', cpu: 4 });
    q.add(pod, T0);
    q.addUnschedulableIfNotPresent(q.pop(T0)!, ['NodeResourcesFit'], q.currentSchedulingCycle, T0);
    q.update(pod, { ...pod, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } }, T0 + 5000);
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    q.update(pod, makePod({ name: 'p', cpu: 1 }), T0 + 5000);
    expect(q.pop(T0 + 5000)?.podInfo.requests.milliCPU).toBe(1000);
  });
});
