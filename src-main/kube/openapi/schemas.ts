/** Every component schema we publish, by its kube-style full name. */
import { APPS_SCHEMAS } from './apps-schemas';
import { BATCH_SCHEMAS } from './batch-schemas';
import { CLAIM_SCHEMAS } from './claim-schemas';
import { CONTAINER_SCHEMAS } from './container-schemas';
import { COORDINATION_SCHEMAS } from './coordination-schemas';
import { CORE_SCHEMAS } from './core-schemas';
import { DAEMONSET_SCHEMAS } from './daemonset-schemas';
import { ENDPOINTS_SCHEMAS } from './endpoints-schemas';
import { META_SCHEMAS } from './meta-schemas';
import { POD_SCHEMAS } from './pod-schemas';
import { POLICY_SCHEMAS } from './policy-schemas';
import { RBAC_SCHEMAS } from './rbac-schemas';
import type { Schema } from './schema-builders';
import { STATEFULSET_SCHEMAS } from './statefulset-schemas';
import { VOLUME_SCHEMAS } from './volume-schemas';

export const SCHEMAS: Readonly<Record<string, Schema>> = {
  ...META_SCHEMAS,
  ...CONTAINER_SCHEMAS,
  ...VOLUME_SCHEMAS,
  ...POD_SCHEMAS,
  ...CORE_SCHEMAS,
  ...CLAIM_SCHEMAS,
  ...ENDPOINTS_SCHEMAS,
  ...APPS_SCHEMAS,
  ...STATEFULSET_SCHEMAS,
  ...DAEMONSET_SCHEMAS,
  ...BATCH_SCHEMAS,
  ...POLICY_SCHEMAS,
  ...COORDINATION_SCHEMAS,
  ...RBAC_SCHEMAS,
};

const REF_PREFIX = '#/components/schemas/';

/** The names a schema refers to, directly. */
function refsOf(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) refsOf(v, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) out.add(v.slice(REF_PREFIX.length));
    else refsOf(v, out);
  }
}

/** `roots` and every schema they reach, sorted by name. */
export function schemaClosure(roots: readonly string[]): Record<string, Schema> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !SCHEMAS[name]) continue;
    seen.add(name);
    const refs = new Set<string>();
    refsOf(SCHEMAS[name], refs);
    queue.push(...refs);
  }
  const out: Record<string, Schema> = {};
  for (const name of [...seen].sort()) out[name] = SCHEMAS[name];
  return out;
}

/** The name of the schema of a kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
export function kindSchemaName(group: string, version: string, kind: string): string {
  return group === '' ? `io.k8s.api.core.${version}.${kind}` : `io.k8s.api.${group.split('.')[0]}.${version}.${kind}`;
}
