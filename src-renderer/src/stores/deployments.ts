import type { Deployment } from 'kubernetes-types/apps/v1';
import { createResourceStore } from './resource-store';

/** Deployments of all namespaces. */
export const useDeploymentsStore = createResourceStore<Deployment>({ id: 'deployments', path: '/apis/apps/v1/deployments' });
