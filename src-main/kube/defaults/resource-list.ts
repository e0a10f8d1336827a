/** Defaulting of ResourceLists: quantities rounded up to milli precision and stored canonically. */
import type { JsonObject } from '../object';
import { Quantity } from '../quantity';

/**
 * SetDefaults_ResourceList plus the canonical re-encoding every stored quantity gets (`0.5` →
 * `500m`, `1n` → `1m`). Values that do not parse are left for decoding checks to report.
 */
export function defaultResourceList(list: JsonObject | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    try {
      list[name] = Quantity.parse(value).roundUp(-3).toString();
    } catch {
      // not a quantity: reported by checkDecodable
    }
  }
}
