/**
 * The default HA-shaped topology: three control-plane nodes and three workers, described as the
 * Node objects their kubelets would register (labels, taints, capacity, node info as kubeadm
 * clusters report them).
 */
import type { KubeObject } from '../kube/object';
import { KUBERNETES_VERSION } from '../kube/version';

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  cpu: string;
  memory: string;
  pods: string;
  ephemeralStorage: string;
  internalIP: string;
  podCIDR: string;
}

export interface Topology {
  controlPlanes: NodeSpec[];
  workers: NodeSpec[];
}

function node(name: string, role: NodeSpec['role'], index: number, cpu: string, memory: string): NodeSpec {
  return {
    name,
    role,
    cpu,
    memory,
    pods: '110',
    ephemeralStorage: '102626232Ki',
    internalIP: `172.18.0.${index + 2}`,
    podCIDR: `10.244.${index}.0/24`,
  };
}

export function defaultTopology(): Topology {
  return {
    controlPlanes: [1, 2, 3].map((i) => node(`cp-${i}`, 'control-plane', i - 1, '4', '8148060Ki')),
    workers: [1, 2, 3].map((i) => node(`worker-${i}`, 'worker', i + 2, '8', '16298228Ki')),
  };
}

export function allNodes(t: Topology): NodeSpec[] {
  return [...t.controlPlanes, ...t.workers];
}

/** Allocatable = capacity minus what kubeadm's default kubelet reserves for eviction (100Mi memory). */
function allocatableMemory(capacity: string): string {
  const ki = Number(capacity.replace(/Ki$/, ''));
  return `${ki - 102400}Ki`;
}

export function nodeObject(spec: NodeSpec, createdAt: string, machineId: string): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
  };
  if (spec.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const condition = (type: string, status: string, reason: string, message: string): Record<string, string> => ({
    type,
    status,
    lastHeartbeatTime: createdAt,
    lastTransitionTime: createdAt,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      ...(spec.role === 'control-plane'
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      capacity: {
        cpu: spec.cpu,
        'ephemeral-storage': spec.ephemeralStorage,
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: spec.memory,
        pods: spec.pods,
      },
      allocatable: {
        cpu: spec.cpu,
        'ephemeral-storage': '94580335255',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: allocatableMemory(spec.memory),
        pods: spec.pods,
      },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: spec.internalIP },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: machineId,
        systemUUID: machineId,
        bootID: machineId,
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: KUBERNETES_VERSION.gitVersion,
        kubeProxyVersion: KUBERNETES_VERSION.gitVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
