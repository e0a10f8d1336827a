import type { HTMLAttributes } from 'vue';

/** data-* attributes (test ids, states) where Naive UI expects HTMLAttributes (row-props, option props). */
export function dataAttrs(attrs: Record<`data-${string}`, string>): HTMLAttributes {
  return Object.assign({} satisfies HTMLAttributes, attrs);
}
