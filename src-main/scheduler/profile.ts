/**
 * A scheduling profile (KubeSchedulerProfile): a scheduler name, the enabled plugins in upstream's
 * default order with upstream's default score weights, per-plugin args and percentageOfNodesToScore.
 * The order matters: filters run in it and the first rejection decides a node's reason.
 */
import { Framework } from './framework/framework';
import type { PluginArgs, Registry } from './framework/registry';
import * as names from './plugins/names';
import { inTreeRegistry } from './plugins/registry';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PluginConfig {
  name: string;
  weight?: number;
}

/** getDefaultPlugins (v1.32 MultiPoint), less DefaultBinder (binding is the caller's) and the volume plugins not modelled. */
export const DEFAULT_PLUGINS: readonly PluginConfig[] = [
  { name: names.SchedulingGates },
  { name: names.PrioritySort },
  { name: names.NodeUnschedulable },
  { name: names.NodeName },
  { name: names.TaintToleration, weight: 3 },
  { name: names.NodeAffinity, weight: 2 },
  { name: names.NodePorts },
  { name: names.NodeResourcesFit, weight: 1 },
  { name: names.VolumeBinding },
  { name: names.PodTopologySpread, weight: 2 },
  { name: names.InterPodAffinity, weight: 2 },
  { name: names.DefaultPreemption },
  { name: names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: names.ImageLocality, weight: 1 },
];

export interface ProfileConfig {
  schedulerName?: string;
  plugins?: readonly PluginConfig[];
  /** Plugin name → args (pluginConfig). */
  pluginConfig?: Readonly<Record<string, PluginArgs>>;
  /** 0 or unset: adaptive (50% − nodes/125, at least 5%). */
  percentageOfNodesToScore?: number;
}

export interface Profile {
  readonly schedulerName: string;
  readonly framework: Framework;
  readonly percentageOfNodesToScore: number;
  readonly plugins: readonly PluginConfig[];
}

export function createProfile(config: ProfileConfig = {}, registry: Registry = inTreeRegistry()): Profile {
  const plugins = config.plugins ?? DEFAULT_PLUGINS;
  const framework = new Framework(plugins.map((p) => ({ plugin: registry.create(p.name, config.pluginConfig?.[p.name] ?? {}), weight: p.weight })));
  return {
    schedulerName: config.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    framework,
    percentageOfNodesToScore: config.percentageOfNodesToScore ?? 0,
    plugins,
  };
}
