/**
 * Why a pod went where it went: what each Filter plugin said about each node and what each Score
 * plugin gave each feasible node. Stored compactly (the first rejection per node, score arrays per
 * plugin) because a cycle may look at thousands of nodes; filterTable / scoreTable expand it into
 * rows for people.
 */
import type { PluginScores } from './framework/framework';
import type { Code } from './framework/status';

export interface NodeFilterResult {
  node: string;
  /** The plugin that rejected the node; undefined when the node passed every filter. */
  plugin?: string;
  code: Code;
  reasons: string[];
}

export interface Diagnosis {
  numAllNodes: number;
  /** A PreFilter plugin's rejection of the pod as a whole. */
  preFilterMsg?: string;
  /** Plugins that rejected the pod (what cluster events could help it; queueing hints). */
  unschedulablePlugins: string[];
  /** The profile's Filter plugins, in the order they run. */
  filterPlugins: string[];
  /** Filter plugins PreFilter skipped for this pod (they pass every node). */
  skippedFilterPlugins: string[];
  /** Every node that was filtered, in the order it was looked at. */
  filtered: NodeFilterResult[];
  /** Nodes ruled out without filtering (PreFilter narrowed the candidates), with the shared reason. */
  notConsidered?: { count: number; reasons: string[] };
  feasibleNodes: string[];
  /** Present when more than one node was feasible and so scored. */
  scores?: { nodes: string[]; plugins: PluginScores[]; totals: number[]; skippedPlugins: string[] };
  /** Preemption's message, when it ran and failed. */
  postFilterMsg?: string;
}

export type FilterCell = { state: 'Passed' } | { state: 'Skipped' } | { state: 'NotRun' } | { state: 'Rejected'; code: Code; reasons: string[] };

/** One row per filtered node: each Filter plugin's outcome (plugins after a rejection did not run). */
export function filterTable(d: Diagnosis): { node: string; cells: { plugin: string; cell: FilterCell }[] }[] {
  const skipped = new Set(d.skippedFilterPlugins);
  return d.filtered.map((f) => {
    let rejected = false;
    const cells = d.filterPlugins.map((plugin) => {
      let cell: FilterCell;
      if (skipped.has(plugin)) cell = { state: 'Skipped' };
      else if (rejected) cell = { state: 'NotRun' };
      else if (plugin === f.plugin) {
        rejected = true;
        cell = { state: 'Rejected', code: f.code, reasons: f.reasons };
      } else cell = { state: 'Passed' };
      return { plugin, cell };
    });
    return { node: f.node, cells };
  });
}

export interface ScoreRow {
  node: string;
  total: number;
  plugins: { plugin: string; raw: number; normalized: number; weight: number; weighted: number }[];
}

/** One row per scored node, highest total first (ties in node order). */
export function scoreTable(d: Diagnosis): ScoreRow[] {
  const s = d.scores;
  if (!s) return [];
  const rows = s.nodes.map((node, i) => ({
    node,
    total: s.totals[i],
    plugins: s.plugins.map((p) => ({ plugin: p.plugin, raw: p.raw[i], normalized: p.normalized[i], weight: p.weight, weighted: p.normalized[i] * p.weight })),
  }));
  return rows.sort((a, b) => b.total - a.total);
}
