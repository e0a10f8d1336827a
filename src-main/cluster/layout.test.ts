import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adminConfPath,
  backupsDir,
  clusterDir,
  clusterJson,
  defaultDataDir,
  etcdMemberDir,
  kubernetesDir,
  manifestsDir,
  nodeDir,
  pkiDir,
} from './layout';

describe('on-disk layout', () => {
  it('lays a cluster out like real machines', () => {
    const dir = clusterDir('/data', 'default');
    const cp1 = nodeDir(dir, 'cp-1');
    expect(dir).toBe(join('/data', 'clusters', 'default'));
    expect(clusterJson(dir)).toBe(join('/data', 'clusters', 'default', 'cluster.json'));
    expect(cp1).toBe(join(dir, 'nodes', 'cp-1'));
    expect(kubernetesDir(cp1)).toBe(join(cp1, 'etc', 'kubernetes'));
    expect(pkiDir(cp1)).toBe(join(cp1, 'etc', 'kubernetes', 'pki'));
    expect(adminConfPath(cp1)).toBe(join(cp1, 'etc', 'kubernetes', 'admin.conf'));
    expect(manifestsDir(cp1)).toBe(join(cp1, 'etc', 'kubernetes', 'manifests'));
    expect(etcdMemberDir(cp1)).toBe(join(cp1, 'var', 'lib', 'etcd', 'member'));
    expect(backupsDir(dir)).toBe(join(dir, 'backups'));
  });

  it('refuses names that would leave their folder', () => {
    for (const bad of ['..', '../x', 'a/b', '', '.hidden', 'a\\b', 'x..y']) {
      expect(() => clusterDir('/data', bad), bad).toThrow(/invalid cluster name/);
    }
    expect(() => nodeDir('/c', 'cp-1/../../etc')).toThrow(/invalid node name/);
    expect(clusterDir('/data', 'prod.eu-1_b')).toBe(join('/data', 'clusters', 'prod.eu-1_b'));
  });

  it('uses Electron userData when given, else the platform data folder without a suffix', () => {
    expect(defaultDataDir({ electronUserData: '/u/Kubedeck' })).toBe('/u/Kubedeck');
    const dir = defaultDataDir();
    expect(dir.endsWith('kubedeck')).toBe(true);
    if (process.platform === 'linux') {
      expect(dir).toBe(process.env.XDG_DATA_HOME ? join(process.env.XDG_DATA_HOME, 'kubedeck') : join(process.env.HOME ?? '', '.local', 'share', 'kubedeck'));
    }
  });
});
