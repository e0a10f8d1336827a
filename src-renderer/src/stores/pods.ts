import type { Pod } from 'kubernetes-types/core/v1';
import { createResourceStore } from './resource-store';

/** Pods of all namespaces. */
export const usePodsStore = createResourceStore<Pod>({ id: 'pods', path: '/api/v1/pods' });
