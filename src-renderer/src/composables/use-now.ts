/**
 * One shared clock tick for everything that shows "how long ago" (AGE columns): a single 1 s
 * interval while anyone uses it, instead of a timer per row. Only the rows on screen re-render.
 */
import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';

const TICK_MS = 1000;
const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function useNow(): Readonly<Ref<number>> {
  if (getCurrentScope()) {
    if (users++ === 0) {
      now.value = Date.now();
      timer = setInterval(() => (now.value = Date.now()), TICK_MS);
    }
    onScopeDispose(() => {
      if (--users === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  }
  return readonly(now);
}
