/**
 * How well the console is connected, folded from every source that talks to the backend (the
 * cluster summary and each running watch). Sources report; the header shows the result.
 */
import { defineStore } from 'pinia';
import { computed, reactive } from 'vue';

/** One source's health. */
export type SourceHealth = 'connecting' | 'ok' | 'retrying' | 'failed';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export function foldHealth(states: Iterable<SourceHealth>): ConnectionState {
  let connecting = false;
  let retrying = false;
  let any = false;
  for (const s of states) {
    any = true;
    if (s === 'failed') return 'disconnected';
    if (s === 'retrying') retrying = true;
    if (s === 'connecting') connecting = true;
  }
  if (retrying) return 'reconnecting';
  if (connecting || !any) return 'connecting';
  return 'connected';
}

export interface SourceReport {
  health: SourceHealth;
  /** What went wrong, for people (shown in the header's tooltip). */
  message: string | null;
}

export const useConnectionStore = defineStore('connection', () => {
  const sources = reactive(new Map<string, SourceReport>());
  const state = computed(() => foldHealth([...sources.values()].map((s) => s.health)));
  /** Problems worth showing: the message of every source that is not fine. */
  const problems = computed(() =>
    [...sources.entries()].filter(([, s]) => s.health !== 'ok' && s.message).map(([source, s]) => `${source}: ${s.message}`),
  );

  /** A source's health now; null when it stopped (it no longer counts). */
  function report(source: string, health: SourceHealth | null, message: string | null = null): void {
    if (health === null) {
      sources.delete(source);
      return;
    }
    const prev = sources.get(source);
    if (prev?.health !== health || prev.message !== message) sources.set(source, { health, message });
  }

  return { sources, state, problems, report };
});
