import type { Node } from 'kubernetes-types/core/v1';
import { createResourceStore } from './resource-store';

export const useNodesStore = createResourceStore<Node>({ id: 'nodes', path: '/api/v1/nodes' });
