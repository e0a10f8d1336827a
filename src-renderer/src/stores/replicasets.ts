import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { createResourceStore } from './resource-store';

/** ReplicaSets of all namespaces. */
export const useReplicaSetsStore = createResourceStore<ReplicaSet>({ id: 'replicasets', path: '/apis/apps/v1/replicasets' });
