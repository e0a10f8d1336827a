/**
 * Shared informers (client-go's SharedInformerFactory): one informer per resource and selector
 * set, however many components ask for it, so a controller-manager lists and watches pods once.
 */
import type { Clock } from '../common/clock';
import type { ClusterClient, ResourceRef } from './cluster-client';
import { Informer, type InformerOptions } from './informer';

export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = (e) => console.error(e),
  ) {}

  informer(rt: ResourceRef, opts: Omit<InformerOptions, 'onError'> = {}): Informer {
    const key = `${rt.group}/${rt.plural}?ns=${opts.namespace ?? ''}&l=${opts.labelSelector ?? ''}&f=${opts.fieldSelector ?? ''}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, rt, this.clock, { ...opts, onError: this.onError });
      this.informers.set(key, inf);
      if (this.started) void inf.start().catch(this.onError);
    }
    return inf;
  }

  /** Starts every informer asked for so far (and any asked for later); resolves when all have synced. */
  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.informers.values()].map((inf) => (inf.hasSynced ? undefined : inf.start())));
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
    this.started = false;
  }
}
