/** Keeps a resource store's watch running while the calling component is mounted. */
import { onMounted, onUnmounted } from 'vue';

export function useRetain(store: { retain(): () => void }): void {
  let release: (() => void) | null = null;
  onMounted(() => {
    release = store.retain();
  });
  onUnmounted(() => {
    release?.();
    release = null;
  });
}
