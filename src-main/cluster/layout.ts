/**
 * Where a cluster lives on disk, laid out like real machines so that drills feel real:
 *
 *   <dataDir>/clusters/<name>/cluster.json
 *   <dataDir>/clusters/<name>/nodes/<node>/etc/kubernetes/{admin.conf, manifests/, pki/}
 *   <dataDir>/clusters/<name>/nodes/<node>/var/lib/etcd/member/{wal,snap}/
 *   <dataDir>/clusters/<name>/backups/
 *
 * Pure path arithmetic: nothing here touches the disk.
 */
import { join } from 'node:path';
import envPaths from 'env-paths';

/** A cluster or node name becomes a folder name: refuse anything that could leave its parent. */
function safeSegment(kind: string, name: string): string {
  if (!/^[a-z0-9]([a-z0-9._-]{0,251}[a-z0-9])?$/i.test(name) || name.includes('..')) {
    throw new Error(
      `invalid ${kind} name "${name}": use letters, digits, '.', '-' or '_', starting and ending with a letter or digit`,
    );
  }
  return name;
}

export function clusterDir(dataDir: string, name: string): string {
  return join(dataDir, 'clusters', safeSegment('cluster', name));
}

export function clusterJson(clusterDirPath: string): string {
  return join(clusterDirPath, 'cluster.json');
}

export function nodeDir(clusterDirPath: string, node: string): string {
  return join(clusterDirPath, 'nodes', safeSegment('node', node));
}

/** `<node>/etc/kubernetes`, kubeadm's configuration folder. */
export function kubernetesDir(nodeDirPath: string): string {
  return join(nodeDirPath, 'etc', 'kubernetes');
}

/** `<node>/etc/kubernetes/pki` */
export function pkiDir(nodeDirPath: string): string {
  return join(kubernetesDir(nodeDirPath), 'pki');
}

/** `<node>/etc/kubernetes/admin.conf` */
export function adminConfPath(nodeDirPath: string): string {
  return join(kubernetesDir(nodeDirPath), 'admin.conf');
}

/** `<node>/etc/kubernetes/manifests`, the kubelet's static pod folder. */
export function manifestsDir(nodeDirPath: string): string {
  return join(kubernetesDir(nodeDirPath), 'manifests');
}

/** `<node>/var/lib/etcd/member`, holding `wal/` and `snap/` as etcd does. */
export function etcdMemberDir(nodeDirPath: string): string {
  return join(nodeDirPath, 'var', 'lib', 'etcd', 'member');
}

/** `<cluster>/backups`, where `etcdctl snapshot save` drills put their `*.db` files. */
export function backupsDir(clusterDirPath: string): string {
  return join(clusterDirPath, 'backups');
}

/**
 * The folder that holds every cluster: Electron's userData in the desktop app, otherwise the
 * platform's data folder (`$XDG_DATA_HOME/kubedeck`, i.e. `~/.local/share/kubedeck`, on Linux).
 */
export function defaultDataDir(opts: { electronUserData?: string } = {}): string {
  return opts.electronUserData ?? envPaths('kubedeck', { suffix: '' }).data;
}
