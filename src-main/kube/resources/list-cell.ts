/** The `a,b,c + N more...` cells of printers that show at most three items of a list. */

/** How many items such a cell shows before it counts the rest. */
export const SHOWN_ITEMS = 3;

/** The first three of `items` joined by ',', with ` + N more...` for the rest; `empty` when none. */
export function listWithMore(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, SHOWN_ITEMS).join(',');
  return items.length > SHOWN_ITEMS ? `${shown} + ${items.length - SHOWN_ITEMS} more...` : shown;
}
