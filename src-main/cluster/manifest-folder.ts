/**
 * A node's static pod manifest folder (etc/kubernetes/manifests): written once with kubeadm's
 * manifests, then read by the node's kubelet as the user may have edited it. A file that does not
 * parse is skipped, as the kubelet skips it (and logs why).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KubeObject } from '../kube/object';

export async function writeManifestsIfMissing(dir: string, manifests: KubeObject[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const present = new Set(await readdir(dir));
  for (const m of manifests) {
    const file = `${m.metadata.name ?? 'pod'}.yaml`;
    if (present.has(file)) continue;
    await writeFile(join(dir, file), stringify(m), { mode: 0o600 });
  }
}

export async function readManifests(dir: string, onError: (file: string, err: unknown) => void = () => undefined): Promise<KubeObject[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('.')).sort();
  } catch {
    return [];
  }
  const out: KubeObject[] = [];
  for (const f of files) {
    try {
      const obj = parse(await readFile(join(dir, f), 'utf8')) as KubeObject | null;
      if (obj && typeof obj === 'object' && obj.kind === 'Pod' && obj.metadata?.name) out.push(obj);
      else onError(f, new Error('not a Pod manifest'));
    } catch (e) {
      onError(f, e);
    }
  }
  return out;
}
