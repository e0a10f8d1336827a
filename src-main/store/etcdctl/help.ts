/**
 * Help text shaped like etcdctl's (cobra's template as etcdctl customises it): NAME, USAGE,
 * DESCRIPTION, COMMANDS, OPTIONS and GLOBAL OPTIONS, columns aligned with tabs the way Go's
 * tabwriter does (to the next multiple of 8 past the widest cell).
 */
import { ETCD_VERSION } from '../etcd-api/member-info';
import type { Command, GroupCommand, LeafCommand } from './command';
import { flagSyntax, type FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-options';

export const ETCDCTL_VERSION = ETCD_VERSION;
export const API_VERSION = ETCD_VERSION.split('.').slice(0, 2).join('.');

/** Go tabwriter with tab padding: each row is cells; all but the last cell are padded with tabs. */
export function tabAlign(rows: string[][]): string {
  const cols = Math.max(0, ...rows.map((r) => r.length - 1));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    const widest = Math.max(...rows.map((r) => (c < r.length - 1 ? [...r[c]].length : 0)));
    widths.push(Math.ceil((widest + 1) / 8) * 8);
  }
  return rows
    .map((r) => r.map((cell, c) => (c < r.length - 1 ? cell + '\t'.repeat(Math.ceil((widths[c] - [...cell].length) / 8)) : cell)).join('') + '\n')
    .join('');
}

function helpFlag(name: string): FlagSpec {
  return { name: 'help', short: 'h', kind: 'bool', default: 'false', usage: `help for ${name}` };
}

function flagBlock(flags: FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return tabAlign(sorted.map((f) => [flagSyntax(f), f.usage]));
}

/** The flags a command inherits from its groups. */
export function inheritedFlags(cmd: Command, tree: readonly Command[]): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (let n = 1; n < cmd.path.length; n++) {
    const prefix = cmd.path.slice(0, n).join(' ');
    const group = tree.find((c): c is GroupCommand => c.kind === 'group' && c.path.join(' ') === prefix);
    if (group) out.push(...group.persistentFlags);
  }
  return out;
}

function leafHelp(cmd: LeafCommand, tree: readonly Command[]): string {
  let s = `NAME:\n\t${cmd.path.join(' ')} - ${cmd.short}\n\nUSAGE:\n\tetcdctl ${cmd.usage} [flags]\n\n`;
  if (cmd.description) s += `DESCRIPTION:\n${cmd.description.split('\n').map((l) => `\t${l}\n`).join('')}\n`;
  s += `OPTIONS:\n${flagBlock([...cmd.flags, helpFlag(cmd.path[cmd.path.length - 1])])}\n`;
  s += `GLOBAL OPTIONS:\n${flagBlock([...GLOBAL_FLAGS, ...inheritedFlags(cmd, tree)])}\n`;
  return s;
}

function children(prefix: string[], tree: readonly Command[]): Command[] {
  return tree
    .filter((c) => c.path.length === prefix.length + 1 && prefix.every((w, i) => c.path[i] === w))
    .sort((a, b) => (a.path.join(' ') < b.path.join(' ') ? -1 : 1));
}

function groupHelp(cmd: GroupCommand, tree: readonly Command[]): string {
  let s = `NAME:\n\t${cmd.path.join(' ')} - ${cmd.short}\n\nUSAGE:\n\tetcdctl ${cmd.path.join(' ')} <subcommand> [flags]\n\n`;
  s += `API VERSION:\n\t${API_VERSION}\n\n\nCOMMANDS:\n`;
  s += tabAlign(children(cmd.path, tree).map((c) => ['', c.path[c.path.length - 1], c.short]));
  s += `\nOPTIONS:\n${flagBlock([...cmd.persistentFlags, helpFlag(cmd.path[cmd.path.length - 1])])}\n`;
  s += `GLOBAL OPTIONS:\n${flagBlock([...GLOBAL_FLAGS, ...inheritedFlags(cmd, tree)])}\n`;
  return s;
}

/** `etcdctl --help`: every runnable command by its full path. */
export function rootHelp(tree: readonly Command[]): string {
  let s = `NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\n`;
  s += `VERSION:\n\t${ETCDCTL_VERSION}\n\nAPI VERSION:\n\t${API_VERSION}\n\n\nCOMMANDS:\n`;
  const leaves = tree.filter((c): c is LeafCommand => c.kind === 'leaf').map((c) => [c.path.join(' '), c.short]);
  leaves.push(['help', 'Help about any command']);
  leaves.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  s += tabAlign(leaves.map(([p, d]) => ['', p, d]));
  s += `\nOPTIONS:\n${flagBlock([...GLOBAL_FLAGS, helpFlag('etcdctl')])}\n`;
  return s;
}

export function helpFor(cmd: Command | undefined, tree: readonly Command[]): string {
  if (!cmd) return rootHelp(tree);
  return cmd.kind === 'leaf' ? leafHelp(cmd, tree) : groupHelp(cmd, tree);
}
