/**
 * CycleState: what plugins compute in one scheduling cycle (PreFilter, PreScore) and read later
 * (Filter, Score). Preemption clones it per candidate node, so every entry can clone itself.
 */
export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run this cycle. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run this cycle. */
  readonly skipScorePlugins = new Set<string>();

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  /** The entry under key if it is an instance of `type` (the key and the type are the plugin's own). */
  read<T extends StateData>(key: string, type: abstract new (...args: never[]) => T): T | undefined {
    const v = this.data.get(key);
    return v instanceof type ? v : undefined;
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
