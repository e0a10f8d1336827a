import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/clock';
import { runWorkers, WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('collapses adds of a waiting item and never hands one item to two workers', async () => {
    const q = new WorkQueue<string>(new FakeClock());
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.len()).toBe(2);
    const first = await q.get();
    expect(first).toBe('a');
    q.add('a'); // while processing: queued again only after done()
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('b');
    q.done('a');
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it('backs failed items off exponentially from 5 ms until forgotten', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>(clock);
    q.addRateLimited('x'); // due in 5 ms
    clock.step(4);
    expect(q.len()).toBe(0);
    clock.step(1);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('x');
    q.done('x');
    q.addRateLimited('x'); // second failure: 10 ms
    q.addRateLimited('x'); // third: 20 ms
    expect(q.numRequeues('x')).toBe(3);
    clock.step(9);
    expect(q.len()).toBe(0);
    clock.step(1);
    expect(q.len()).toBe(1);
    q.forget('x');
    expect(q.numRequeues('x')).toBe(0);
  });

  it('runWorkers requeues failures and stops on shutdown', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>(clock);
    const seen: string[] = [];
    let failOnce = true;
    const done = runWorkers(
      q,
      2,
      async (k) => {
        seen.push(k);
        if (k === 'bad' && failOnce) {
          failOnce = false;
          throw new Error('boom');
        }
      },
      () => undefined,
    );
    q.add('ok');
    q.add('bad');
    await new Promise((r) => setImmediate(r));
    clock.step(5);
    await new Promise((r) => setImmediate(r));
    q.shutDown();
    await done;
    expect(seen).toEqual(['ok', 'bad', 'bad']);
    expect(q.numRequeues('bad')).toBe(0);
  });
});
