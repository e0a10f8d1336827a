/** Pod IPs from the node's podCIDR (a /24): .1 is the gateway, pods get .2 to .254, reused once freed. */
export class PodIPAllocator {
  private readonly prefix: string;
  private readonly used = new Set<number>();
  private next = 2;

  constructor(podCIDR: string) {
    const [base] = podCIDR.split('/');
    this.prefix = base.split('.').slice(0, 3).join('.');
  }

  allocate(): string {
    for (let i = 0; i < 253; i++) {
      const host = ((this.next - 2 + i) % 253) + 2;
      if (!this.used.has(host)) {
        this.used.add(host);
        this.next = host + 1 > 254 ? 2 : host + 1;
        return `${this.prefix}.${host}`;
      }
    }
    throw new Error('no free pod IP left in the node podCIDR');
  }

  /** Marks an address as taken (a pod found running after a restart). */
  reserve(ip: string): void {
    const host = Number(ip.split('.')[3]);
    if (ip.startsWith(`${this.prefix}.`) && Number.isInteger(host)) this.used.add(host);
  }

  release(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.delete(Number(ip.split('.')[3]));
  }
}
