/** A stable number from a string (FNV-1a), for made-up but repeatable values (sizes, loads, uptimes). */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}
