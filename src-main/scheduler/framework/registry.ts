/**
 * The plugin registry (runtime.Registry): plugin name → factory. Registering a name twice is a
 * programming error, refused as upstream refuses it.
 */
import type { Plugin } from './interface';

/** Plugin arguments, as a profile's pluginConfig would give them. */
export type PluginArgs = Readonly<Record<string, unknown>>;

export type PluginFactory = (args: PluginArgs) => Plugin;

export class Registry {
  private readonly factories = new Map<string, PluginFactory>();

  register(name: string, factory: PluginFactory): this {
    if (this.factories.has(name)) throw new Error(`a plugin named ${name} already exists`);
    this.factories.set(name, factory);
    return this;
  }

  unregister(name: string): void {
    if (!this.factories.delete(name)) throw new Error(`no plugin named ${name} exists`);
  }

  /** Merges another registry; a name in both is refused. */
  merge(other: Registry): this {
    for (const [name, f] of other.factories) this.register(name, f);
    return this;
  }

  has(name: string): boolean {
    return this.factories.has(name);
  }

  create(name: string, args: PluginArgs = {}): Plugin {
    const f = this.factories.get(name);
    if (!f) throw new Error(`plugin "${name}" does not exist`);
    return f(args);
  }

  names(): string[] {
    return [...this.factories.keys()];
  }
}
