/**
 * framework.HostPortInfo: host ports in use on a node, by IP, protocol and port. 0.0.0.0 conflicts
 * with every IP of the same protocol and port. Counted, so that removing one of two pods using the
 * same port keeps it in use.
 */
import type { HostPort } from './pod-info';

const ANY_IP = '0.0.0.0';

export class HostPortInfo {
  /** ip → "protocol/port" → users */
  private readonly byIP = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    let m = this.byIP.get(p.hostIP);
    if (!m) this.byIP.set(p.hostIP, (m = new Map()));
    const k = `${p.protocol}/${p.port}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const m = this.byIP.get(p.hostIP);
    if (!m) return;
    const k = `${p.protocol}/${p.port}`;
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.byIP.delete(p.hostIP);
  }

  /** CheckConflict: whether the port is already taken. */
  conflicts(p: HostPort): boolean {
    const k = `${p.protocol}/${p.port}`;
    if (p.hostIP === ANY_IP) {
      for (const m of this.byIP.values()) if (m.has(k)) return true;
      return false;
    }
    return (this.byIP.get(p.hostIP)?.has(k) ?? false) || (this.byIP.get(ANY_IP)?.has(k) ?? false);
  }

  get size(): number {
    return this.byIP.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIP) c.byIP.set(ip, new Map(m));
    return c;
  }

  /** "ip protocol/port" strings, for people. */
  list(): string[] {
    const out: string[] = [];
    for (const [ip, m] of this.byIP) for (const k of m.keys()) out.push(`${ip} ${k}`);
    return out.sort();
  }
}
