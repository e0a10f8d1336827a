/**
 * Command-line flags as etcdctl's parser (spf13/pflag) reads them: `--name=value`, `--name value`,
 * `-w json`, `-wjson`, booleans as `--prefix` or `--prefix=false`, flags before, between or after
 * the arguments, `--` ending the flags. Error messages are pflag's, since users search for them.
 */
import { EtcdctlError, ExitCode } from './errors';

export type FlagKind = 'bool' | 'string' | 'int' | 'duration' | 'stringSlice';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The default as a string in the flag's syntax ('false', '5s', '0', '127.0.0.1:2379'). */
  default: string;
  usage: string;
}

/** Parsed flag values, read back with their type. */
export class FlagValues {
  private readonly set = new Map<string, string[]>();

  constructor(private readonly specs: ReadonlyMap<string, FlagSpec>) {}

  /** Records a value (already checked against the flag's kind). */
  put(name: string, value: string): void {
    const spec = this.specs.get(name);
    const prev = this.set.get(name);
    if (spec?.kind === 'stringSlice') {
      const parts = value === '' ? [] : value.split(',');
      this.set.set(name, [...(prev ?? []), ...parts]);
    } else this.set.set(name, [value]);
  }

  changed(name: string): boolean {
    return this.set.has(name);
  }

  private raw(name: string): string {
    const v = this.set.get(name);
    if (v !== undefined) return v[v.length - 1] ?? '';
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`etcdctl: flag --${name} is not defined for this command`);
    return spec.default;
  }

  str(name: string): string {
    return this.raw(name);
  }

  bool(name: string): boolean {
    return parseBool(this.raw(name)) ?? false;
  }

  int(name: string): number {
    return Number(parseGoInt(this.raw(name)) ?? 0n);
  }

  /** An int64 flag as a decimal string, so 64-bit values survive. */
  int64(name: string): string {
    return String(parseGoInt(this.raw(name)) ?? 0n);
  }

  /** A duration flag in milliseconds. */
  durationMs(name: string): number {
    return parseGoDuration(this.raw(name)) ?? 0;
  }

  list(name: string): string[] {
    const v = this.set.get(name);
    if (v !== undefined) return v;
    const spec = this.specs.get(name);
    return spec && spec.default !== '' ? spec.default.split(',') : [];
  }
}

/** Go's strconv.ParseBool. */
export function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0o / leading-0 octal, 0b binary, `_` separators. */
export function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const v = BigInt(body) * (m[1] === '-' ? -1n : 1n);
  return v >= -(2n ** 63n) && v < 2n ** 63n ? v : undefined;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([+-]?)((?:\d*\.?\d*(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2].matchAll(/(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/g)) {
    if (part[1] === '' || part[1] === '.') return undefined;
    total += Number(part[1]) * DURATION_UNITS[part[2]];
  }
  return m[1] === '-' ? -total : total;
}

function checkValue(spec: FlagSpec, value: string, shown: string): void {
  let why: string | undefined;
  if (spec.kind === 'bool' && parseBool(value) === undefined) why = `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
  if (spec.kind === 'int' && parseGoInt(value) === undefined) why = `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
  if (spec.kind === 'duration' && parseGoDuration(value) === undefined) why = `time: invalid duration ${JSON.stringify(value)}`;
  if (why) throw usageError(`invalid argument ${JSON.stringify(value)} for ${JSON.stringify(shown)} flag: ${why}`);
}

function usageError(message: string): EtcdctlError {
  return new EtcdctlError(message, ExitCode.Error, true);
}

export interface ParsedArgs {
  flags: FlagValues;
  args: string[];
}

/**
 * Parses `tokens` against `specs`. Tokens whose index is in `skip` (the command's own words) are
 * left out of the arguments.
 */
export function parseFlags(tokens: readonly string[], specs: readonly FlagSpec[], skip: ReadonlySet<number> = new Set()): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const flags = new FlagValues(byName);
  const args: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (skip.has(i)) continue;
    if (t === '--') {
      args.push(...tokens.slice(i + 1));
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw usageError(`unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = t.slice(eq + 1);
      else if (spec.kind === 'bool') value = 'true';
      else if (i + 1 < tokens.length) value = tokens[++i];
      else throw usageError(`flag needs an argument: --${name}`);
      checkValue(spec, value, `--${name}`);
      flags.put(spec.name, value);
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      // One or more shorthands: -h, -wjson, -w=json, -w json.
      for (let j = 1; j < t.length; j++) {
        const c = t[j];
        const spec = byShort.get(c);
        if (!spec) throw usageError(`unknown shorthand flag: '${c}' in ${t}`);
        const shown = `-${c}, --${spec.name}`;
        if (spec.kind === 'bool') {
          if (t[j + 1] === '=') {
            const value = t.slice(j + 2);
            checkValue(spec, value, shown);
            flags.put(spec.name, value);
            break;
          }
          flags.put(spec.name, 'true');
          continue;
        }
        let value: string;
        if (j + 1 < t.length) value = t.slice(t[j + 1] === '=' ? j + 2 : j + 1);
        else if (i + 1 < tokens.length) value = tokens[++i];
        else throw usageError(`flag needs an argument: '${c}' in -${c}`);
        checkValue(spec, value, shown);
        flags.put(spec.name, value);
        break;
      }
      continue;
    }
    args.push(t);
  }
  return { flags, args };
}

/** How a flag shows in help: `--prefix[=false]`, `--limit=0`, `--order=""`, `--endpoints=[a,b]`. */
export function flagSyntax(spec: FlagSpec): string {
  const head = spec.short ? `  -${spec.short}, --${spec.name}` : `      --${spec.name}`;
  switch (spec.kind) {
    case 'bool':
      return `${head}[=${spec.default}]`;
    case 'string':
      return `${head}=${JSON.stringify(spec.default)}`;
    case 'stringSlice':
      return `${head}=[${spec.default}]`;
    default:
      return `${head}=${spec.default}`;
  }
}
