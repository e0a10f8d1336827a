/** apps/v1 DaemonSets and StatefulSets as the controllers address them (the registry entries once served). */
import type { ResourceRef } from '../../client/cluster-client';

export const DAEMON_SETS: ResourceRef = { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true };
export const STATEFUL_SETS: ResourceRef = { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true };
