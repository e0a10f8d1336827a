import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

/** Every leaf of a message tree as [dotted key, message]. */
function leaves(tree: object, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.push([key, v]);
    else if (typeof v === 'object' && v !== null) out.push(...leaves(v, key));
    else throw new Error(`${key} is neither a message nor a group`);
  }
  return out;
}

const placeholders = (msg: string) => [...msg.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  const enLeaves = new Map(leaves(en));
  const zhLeaves = new Map(leaves(zhCN));

  it('zh-CN has exactly the keys of en', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('no message is empty', () => {
    for (const [key, msg] of [...enLeaves, ...zhLeaves]) expect(msg.trim(), key).not.toBe('');
  });

  it('translations use the same placeholders', () => {
    for (const [key, msg] of enLeaves) expect(placeholders(zhLeaves.get(key) ?? ''), key).toEqual(placeholders(msg));
  });

  it('no message uses vue-i18n syntax by accident (@, |, $ need escaping)', () => {
    for (const [key, msg] of [...enLeaves, ...zhLeaves]) expect(msg, key).not.toMatch(/[@|$]/);
  });
});
