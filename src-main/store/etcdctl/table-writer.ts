/**
 * The ASCII tables etcdctl prints with `-w table` (olekukonko/tablewriter's default style):
 * `+---+` borders, headers upper-case and centred, cells right-aligned.
 */

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centre = (s: string, w: number): string => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  let out = border;
  out += `|${header.map((h, i) => ` ${centre(h.toUpperCase(), widths[i])} `).join('|')}|\n`;
  out += border;
  for (const r of rows) out += `|${widths.map((w, i) => ` ${(r[i] ?? '').padStart(w)} `).join('|')}|\n`;
  out += border;
  return out;
}
