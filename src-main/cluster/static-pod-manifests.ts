/**
 * The static pod manifests kubeadm writes on a control-plane node (etc/kubernetes/manifests):
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler, with kubeadm's flags, paths,
 * probes and labels. The node's kubelet reads them and shows them as mirror pods. Paths inside
 * are the node's own (/etc/kubernetes/pki/...), as on a real machine.
 */
import type { KubeObject } from '../kube/object';
import { KUBERNETES_VERSION } from '../kube/version';
import type { NodeSpec } from './topology';

const REGISTRY = 'registry.k8s.io';
export const ETCD_IMAGE = `${REGISTRY}/etcd:3.5.16-0`;

function probe(path: string, port: number, host: string, scheme: 'HTTP' | 'HTTPS', initialDelay = 10): Record<string, unknown> {
  return { failureThreshold: 8, httpGet: { host, path, port, scheme }, initialDelaySeconds: initialDelay, periodSeconds: 10, timeoutSeconds: 15 };
}

function hostPathVolume(name: string, path: string, type: string): Record<string, unknown> {
  return { name, hostPath: { path, type } };
}

function staticPod(name: string, component: string, container: Record<string, unknown>, volumes: Record<string, unknown>[], annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      labels: { component, tier: 'control-plane' },
      name,
      namespace: 'kube-system',
    },
    spec: {
      containers: [{ name, imagePullPolicy: 'IfNotPresent', ...container }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes,
    },
    status: {},
  };
}

const PKI_VOLUMES = [
  hostPathVolume('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
  hostPathVolume('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'),
  hostPathVolume('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
];

export function staticPodManifests(node: NodeSpec, etcdPeers: { name: string; ip: string }[]): KubeObject[] {
  const ip = node.internalIP;
  const v = KUBERNETES_VERSION.gitVersion;
  const cluster = etcdPeers.map((p) => `${p.name}=https://${p.ip}:2380`).join(',');
  const etcd = staticPod(
    'etcd',
    'etcd',
    {
      image: ETCD_IMAGE,
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${cluster}`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node.name}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      livenessProbe: probe('/livez', 2381, '127.0.0.1', 'HTTP'),
      readinessProbe: { failureThreshold: 3, httpGet: { host: '127.0.0.1', path: '/readyz', port: 2381, scheme: 'HTTP' }, periodSeconds: 1, timeoutSeconds: 15 },
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      volumeMounts: [
        { mountPath: '/var/lib/etcd', name: 'etcd-data' },
        { mountPath: '/etc/kubernetes/pki/etcd', name: 'etcd-certs' },
      ],
    },
    [hostPathVolume('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPathVolume('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  );
  const apiserver = staticPod(
    'kube-apiserver',
    'kube-apiserver',
    {
      image: `${REGISTRY}/kube-apiserver:${v}`,
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      livenessProbe: probe('/livez', 6443, ip, 'HTTPS'),
      readinessProbe: { failureThreshold: 3, httpGet: { host: ip, path: '/readyz', port: 6443, scheme: 'HTTPS' }, periodSeconds: 1, timeoutSeconds: 15 },
      resources: { requests: { cpu: '250m' } },
      volumeMounts: [
        { mountPath: '/etc/ssl/certs', name: 'ca-certs', readOnly: true },
        { mountPath: '/etc/ca-certificates', name: 'etc-ca-certificates', readOnly: true },
        { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true },
      ],
    },
    PKI_VOLUMES,
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
  );
  const kubeconfigVolume = (file: string): Record<string, unknown> => hostPathVolume('kubeconfig', `/etc/kubernetes/${file}`, 'FileOrCreate');
  const controllerManager = staticPod(
    'kube-controller-manager',
    'kube-controller-manager',
    {
      image: `${REGISTRY}/kube-controller-manager:${v}`,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16',
        '--cluster-name=kubernetes',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      livenessProbe: probe('/healthz', 10257, '127.0.0.1', 'HTTPS'),
      resources: { requests: { cpu: '200m' } },
      volumeMounts: [
        { mountPath: '/etc/ssl/certs', name: 'ca-certs', readOnly: true },
        { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true },
        { mountPath: '/etc/kubernetes/controller-manager.conf', name: 'kubeconfig', readOnly: true },
      ],
    },
    [...PKI_VOLUMES, kubeconfigVolume('controller-manager.conf')],
  );
  const scheduler = staticPod(
    'kube-scheduler',
    'kube-scheduler',
    {
      image: `${REGISTRY}/kube-scheduler:${v}`,
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      livenessProbe: probe('/healthz', 10259, '127.0.0.1', 'HTTPS'),
      resources: { requests: { cpu: '100m' } },
      volumeMounts: [{ mountPath: '/etc/kubernetes/scheduler.conf', name: 'kubeconfig', readOnly: true }],
    },
    [kubeconfigVolume('scheduler.conf')],
  );
  return [etcd, apiserver, controllerManager, scheduler];
}
