/**
 * Controller expectations (kube-controller-manager's ControllerExpectations): after a controller
 * asks for N creations or deletions it waits until its informer has seen them before it counts
 * pods again, so a slow watch never makes it create or delete twice. Expectations expire after
 * five minutes, so a lost event cannot wedge a controller.
 */
import type { Clock } from '../../common/clock';

const TTL_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.at > TTL_MS;
  }

  expect(key: string, add: number, del: number): void {
    this.byKey.set(key, { add, del, at: this.clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.del--;
  }

  /** A creation that was asked for but failed will never be observed. */
  lowerCreations(key: string, n: number): void {
    const e = this.byKey.get(key);
    if (e) e.add -= n;
  }

  lowerDeletions(key: string, n: number): void {
    const e = this.byKey.get(key);
    if (e) e.del -= n;
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
