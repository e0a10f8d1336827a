/**
 * Services: the API server allocates the cluster IP (from the service CIDR, 10.96.0.0/12 as
 * kubeadm sets it) and node ports (30000-32767) on create, as kube-apiserver's service REST does.
 */
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import { DefaultStrategy, type StrategyContext } from './strategy';

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SERVICE_CIDR_SIZE = 1 << 20; // /12
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

interface ServicePort {
  port?: number;
  nodePort?: number;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

export function ipToString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class ServiceStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override async prepareForCreate(obj: KubeObject, ctx: StrategyContext): Promise<void> {
    super.prepareForCreate(obj, ctx);
    obj.status = { loadBalancer: {} };
    const spec = (obj.spec ?? {}) as ServiceSpec;
    obj.spec = spec;
    const existing = (await ctx.listAll('services', '')).map((s) => (s.spec ?? {}) as ServiceSpec);
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
      const used = new Set(existing.map((s) => s.clusterIP).filter((ip): ip is string => !!ip));
      if (spec.clusterIP) {
        if (used.has(spec.clusterIP)) {
          throw errors.invalid({ group: '', kind: 'Service' }, obj.metadata.name ?? '', [
            {
              type: 'FieldValueInvalid',
              field: 'spec.clusterIPs',
              badValue: [spec.clusterIP],
              detail: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
            },
          ]);
        }
      } else {
        spec.clusterIP = this.allocateIP(used, ctx);
      }
      spec.clusterIPs = [spec.clusterIP];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const usedPorts = new Set(existing.flatMap((s) => (s.ports ?? []).map((p) => p.nodePort)));
      for (const p of spec.ports ?? []) {
        if (p.nodePort) {
          usedPorts.add(p.nodePort);
          continue;
        }
        let port = NODE_PORT_MIN + ctx.rand.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
        while (usedPorts.has(port)) port = port === NODE_PORT_MAX ? NODE_PORT_MIN : port + 1;
        usedPorts.add(port);
        p.nodePort = port;
      }
    }
  }

  override prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    super.prepareForUpdate(obj, old, ctx);
    const spec = (obj.spec ?? {}) as ServiceSpec;
    const oldSpec = (old.spec ?? {}) as ServiceSpec;
    // The allocated address stays when an update (e.g. kubectl apply) leaves it out.
    if (!spec.clusterIP && oldSpec.clusterIP) {
      spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs = oldSpec.clusterIPs;
    }
    obj.spec = spec;
  }

  private allocateIP(used: Set<string>, ctx: StrategyContext): string {
    // .0 is the network address and .1 belongs to the `kubernetes` service; start after them.
    let offset = 2 + ctx.rand.int(SERVICE_CIDR_SIZE - 3);
    for (let i = 0; i < SERVICE_CIDR_SIZE; i++) {
      const ip = ipToString(SERVICE_CIDR_BASE + offset);
      if (!used.has(ip)) return ip;
      offset = offset + 1 >= SERVICE_CIDR_SIZE - 1 ? 2 : offset + 1;
    }
    throw errors.internalError(new Error('range is full'));
  }
}
