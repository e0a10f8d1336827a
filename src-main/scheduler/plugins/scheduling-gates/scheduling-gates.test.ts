import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/objects';
import { SchedulingGates } from './scheduling-gates';

describe('SchedulingGates', () => {
  it('holds back gated pods with upstream message', () => {
    const p = new SchedulingGates();
    expect(p.preEnqueue(makePod({ name: 'p' }))).toBeUndefined();
    const s = p.preEnqueue(makePod({ name: 'p', schedulingGates: ['example.com/quota', 'example.com/approval'] }));
    expect(s?.code).toBe('UnschedulableAndUnresolvable');
    expect(s?.message()).toBe('waiting for scheduling gates: [example.com/quota example.com/approval]');
  });
});
