/** Schemas of coordination.k8s.io/v1 Lease. */
import { int32, listKind, object, objectMetaField, ref, string, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'coordination.k8s.io', version: 'v1', kind });

export const COORDINATION_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.coordination.v1.Lease': object(
    'A lease: who holds a shared role (a node heartbeat, a leader) and until when.',
    { ...typeMeta(), metadata: objectMetaField(), spec: { ...ref('coordination.LeaseSpec', 'The lease as its holder wrote it.'), default: {} } },
    { gvk: gvk('Lease') },
  ),
  'io.k8s.api.coordination.v1.LeaseList': listKind('coordination.Lease', gvk('LeaseList'), 'A list of leases.'),
  'io.k8s.api.coordination.v1.LeaseSpec': object('Who holds a lease and for how long.', {
    acquireTime: ref('meta.MicroTime', 'When the current holder took the lease.'),
    holderIdentity: string('The identity of the current holder.'),
    leaseDurationSeconds: int32('How long, from renewTime, candidates wait before they may take the lease.'),
    leaseTransitions: int32('How many times the lease changed holders.'),
    preferredHolder: string('A holder the lease should move to, for coordinated handover.'),
    renewTime: ref('meta.MicroTime', 'When the holder last renewed the lease.'),
    strategy: string('How the holder is picked among candidates, for coordinated election.'),
  }),
};
