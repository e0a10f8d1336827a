import type { Event } from 'kubernetes-types/core/v1';
import { createResourceStore } from './resource-store';

/** core/v1 Events of all namespaces (what `kubectl get events -A` lists). */
export const useEventsStore = createResourceStore<Event>({ id: 'events', path: '/api/v1/events' });
