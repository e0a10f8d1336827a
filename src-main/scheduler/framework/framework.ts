/**
 * frameworkImpl: a profile's plugins sorted into extension points, and the loops that run them
 * (RunPreFilterPlugins, RunFilterPlugins, RunScorePlugins, ...) with upstream's semantics: the
 * first failing filter decides a node, Skip from PreFilter / PreScore turns the plugin's Filter /
 * Score off for the cycle, normalized scores are multiplied by the plugin's weight.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle-state';
import {
  isFilter,
  isPostFilter,
  isPreEnqueue,
  isPreFilter,
  isPreScore,
  isQueueSort,
  isReserve,
  isScore,
  MAX_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type FrameworkHandle,
  type Plugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './interface';
import type { NodeInfo } from './node-info';
import type { NodeToStatus } from './node-to-status';
import type { PodInfo } from './pod-info';
import { Status, unresolvable, type MaybeStatus } from './status';

export interface EnabledPlugin {
  plugin: Plugin;
  /** Score weight; upstream's default is 1. */
  weight?: number;
}

export interface PreFilterOutcome {
  status: MaybeStatus;
  /** Only these nodes are worth filtering (undefined: all). */
  nodeNames?: ReadonlySet<string>;
  /** Plugins that rejected the pod or narrowed the nodes (Diagnosis.UnschedulablePlugins). */
  unschedulablePlugins: Set<string>;
}

/** Per score plugin: raw scores, normalized scores (before weighting) and the weight. */
export interface PluginScores {
  plugin: string;
  weight: number;
  raw: number[];
  normalized: number[];
}

export class Framework implements FrameworkHandle {
  readonly queueSort: QueueSortPlugin | undefined;
  readonly preEnqueuePlugins: PreEnqueuePlugin[] = [];
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: { plugin: ScorePlugin; weight: number }[] = [];
  readonly reservePlugins: ReservePlugin[] = [];
  private readonly byName = new Map<string, Plugin>();

  constructor(enabled: readonly EnabledPlugin[]) {
    let queueSort: QueueSortPlugin | undefined;
    for (const { plugin, weight } of enabled) {
      if (this.byName.has(plugin.name)) throw new Error(`plugin "${plugin.name}" is enabled twice`);
      this.byName.set(plugin.name, plugin);
      if (isQueueSort(plugin)) {
        if (queueSort) throw new Error(`only one QueueSort plugin can be enabled (${queueSort.name}, ${plugin.name})`);
        queueSort = plugin;
      }
      if (isPreEnqueue(plugin)) this.preEnqueuePlugins.push(plugin);
      if (isPreFilter(plugin)) this.preFilterPlugins.push(plugin);
      if (isFilter(plugin)) this.filterPlugins.push(plugin);
      if (isPostFilter(plugin)) this.postFilterPlugins.push(plugin);
      if (isPreScore(plugin)) this.preScorePlugins.push(plugin);
      if (isScore(plugin)) {
        const w = weight ?? 1;
        if (w <= 0) throw new Error(`score plugin "${plugin.name}" needs a positive weight`);
        this.scorePlugins.push({ plugin, weight: w });
      }
      if (isReserve(plugin)) this.reservePlugins.push(plugin);
    }
    this.queueSort = queueSort;
  }

  plugin(name: string): Plugin | undefined {
    return this.byName.get(name);
  }

  /** RunPreEnqueuePlugins: the first plugin that does not let the pod in, with its status. */
  runPreEnqueuePlugins(pod: Pod): MaybeStatus {
    for (const p of this.preEnqueuePlugins) {
      const s = p.preEnqueue(pod);
      if (s && s.code !== 'Success') return s.withPlugin(p.name);
    }
    return undefined;
  }

  runPreFilterPlugins(ctx: CycleContext, pod: PodInfo): PreFilterOutcome {
    const unschedulablePlugins = new Set<string>();
    const withNodes: string[] = [];
    let nodeNames: Set<string> | undefined;
    for (const p of this.preFilterPlugins) {
      const r = p.preFilter(ctx, pod);
      const s = r?.status;
      if (s && s.code === 'Skip') {
        ctx.state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (s && s.code !== 'Success') {
        s.withPlugin(p.name);
        if (s.isRejected()) unschedulablePlugins.add(p.name);
        return { status: s, unschedulablePlugins };
      }
      if (r?.nodeNames) {
        withNodes.push(p.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        if (nodeNames.size === 0) {
          const msg = withNodes.length === 1 ? `node(s) didn't satisfy plugin ${withNodes[0]}` : `node(s) didn't satisfy plugin(s) [${withNodes.join(' ')}] simultaneously`;
          for (const n of withNodes) unschedulablePlugins.add(n);
          return { status: unresolvable(msg), unschedulablePlugins };
        }
      }
    }
    for (const n of withNodes) unschedulablePlugins.add(n);
    return { status: undefined, nodeNames, unschedulablePlugins };
  }

  /** RunFilterPlugins: the first rejection, tagged with its plugin; undefined if the node fits. */
  runFilterPlugins(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const skip = ctx.state.skipFilterPlugins;
    for (const p of this.filterPlugins) {
      if (skip.size > 0 && skip.has(p.name)) continue;
      const s = p.filter(ctx, pod, node);
      if (s && s.code !== 'Success') {
        if (!s.isRejected()) return new Status('Error', [`running "${p.name}" filter plugin: ${s.message()}`]).withPlugin(p.name);
        return s.withPlugin(p.name);
      }
    }
    return undefined;
  }

  runPreFilterExtensionAddPod(ctx: CycleContext, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): MaybeStatus {
    for (const p of this.preFilterPlugins) {
      if (!p.addPod || ctx.state.skipFilterPlugins.has(p.name)) continue;
      const s = p.addPod(ctx, pod, toAdd, node);
      if (s && s.code !== 'Success') return s.withPlugin(p.name);
    }
    return undefined;
  }

  runPreFilterExtensionRemovePod(ctx: CycleContext, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): MaybeStatus {
    for (const p of this.preFilterPlugins) {
      if (!p.removePod || ctx.state.skipFilterPlugins.has(p.name)) continue;
      const s = p.removePod(ctx, pod, toRemove, node);
      if (s && s.code !== 'Success') return s.withPlugin(p.name);
    }
    return undefined;
  }

  /** RunPostFilterPlugins: the first success wins; otherwise the reasons of all, Unschedulable. */
  runPostFilterPlugins(ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus): PostFilterResult | undefined {
    if (this.postFilterPlugins.length === 0) return undefined;
    const reasons: string[] = [];
    let rejector = '';
    let last: PostFilterResult | undefined;
    for (const p of this.postFilterPlugins) {
      const r = p.postFilter(ctx, pod, statuses);
      if (r.status.code === 'Success' || r.status.code === 'UnschedulableAndUnresolvable' || !r.status.isRejected()) {
        r.status.withPlugin(p.name);
        return r;
      }
      last = r;
      reasons.push(...r.status.reasons);
      if (!rejector) rejector = p.name;
    }
    return { ...last, status: new Status('Unschedulable', reasons).withPlugin(rejector) };
  }

  runPreScorePlugins(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    for (const p of this.preScorePlugins) {
      const s = p.preScore(ctx, pod, nodes);
      if (s && s.code === 'Skip') {
        ctx.state.skipScorePlugins.add(p.name);
        continue;
      }
      if (s && s.code !== 'Success') return s.withPlugin(p.name);
    }
    return undefined;
  }

  /** RunScorePlugins: per plugin, raw scores over `nodes`, normalized, then weighted into totals. */
  runScorePlugins(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): { plugins: PluginScores[]; totals: number[] } {
    const totals = new Array<number>(nodes.length).fill(0);
    const plugins: PluginScores[] = [];
    for (const { plugin, weight } of this.scorePlugins) {
      if (ctx.state.skipScorePlugins.has(plugin.name)) continue;
      const raw = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) raw[i] = plugin.score(ctx, pod, nodes[i]);
      const normalized = raw.slice();
      if (plugin.normalizeScore) plugin.normalizeScore(ctx, pod, nodes, normalized);
      for (let i = 0; i < nodes.length; i++) {
        const s = normalized[i];
        if (s > MAX_NODE_SCORE || s < 0) throw new Error(`plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
        totals[i] += s * weight;
      }
      plugins.push({ plugin: plugin.name, weight, raw, normalized });
    }
    return { plugins, totals };
  }

  runReservePlugins(ctx: CycleContext, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const p of this.reservePlugins) {
      const s = p.reserve(ctx, pod, nodeName);
      if (s && s.code !== 'Success') return s.withPlugin(p.name);
    }
    return undefined;
  }

  runUnreservePlugins(ctx: CycleContext, pod: PodInfo, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i].unreserve(ctx, pod, nodeName);
  }

  /** A fresh per-cycle context. */
  newContext(state: CycleState, snapshot: CycleContext['snapshot'], rand: CycleContext['rand']): CycleContext {
    return { state, snapshot, framework: this, rand };
  }
}
