/**
 * The contract between the shell and the programs it runs: a program gets its argv, a stdin to
 * read, stdout/stderr to write and a view of the container (filesystem, environment, clock),
 * and returns its exit status.
 */
import { ERRNO_TEXT, FsFailure, type FileSystem } from './file-system';
import type { ImageProfile } from './image-profile';
import type { ShellContext } from './shell-session';

export interface Stdin {
  /** The next chunk, or null at end of input. */
  read(): Promise<string | null>;
}

export const EMPTY_STDIN: Stdin = { read: () => Promise.resolve(null) };

export function stringStdin(data: string): Stdin {
  let done = data === '';
  return {
    read() {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(data);
    },
  };
}

export async function readAll(stdin: Stdin): Promise<string> {
  let out = '';
  for (let chunk = await stdin.read(); chunk !== null; chunk = await stdin.read()) out += chunk;
  return out;
}

/** The container as a program sees it. */
export interface System {
  fs: FileSystem;
  ctx: ShellContext;
  profile: ImageProfile;
  cwd: string;
  /** The program's environment. */
  env: Map<string, string>;
  /** stdout is the terminal (ls prints columns, curl hides its progress meter). */
  stdoutTty: boolean;
  cols: number;
  /** This process's PID and the shell's (for ps). */
  pid: number;
  /** When the container's session began and when the node booted (ms). */
  bootTime: number;
  interrupted(): boolean;
  /** Waits ms of cluster time; false when Ctrl-C cut it short. */
  sleep(ms: number): Promise<boolean>;
  /** Where a command name resolves in PATH, for which/type. */
  findInPath(name: string): string | undefined;
  /** The processes ps should show besides the container's own. */
  extraProcesses: { pid: number; user: string; command: string; tty: string }[];
}

export interface Proc {
  argv: string[];
  stdin: Stdin;
  out(s: string): void;
  err(s: string): void;
  sys: System;
}

export type Program = (p: Proc) => number | Promise<number>;

/** GNU or BusyBox wording. */
export function isBusybox(sys: System): boolean {
  return sys.profile.family === 'busybox' || sys.profile.family === 'alpine';
}

/** The strerror text for a thrown filesystem failure (anything else is a bug: rethrow). */
export function errnoText(e: unknown): string {
  if (e instanceof FsFailure) return ERRNO_TEXT[e.code];
  throw e;
}

/**
 * Splits argv into short options and operands the getopt way: `-la` is `-l -a`, `--` ends
 * options, `-n 5` and `-n5` give values to the options in `withValue`.
 */
export function getopt(args: string[], withValue = '', longs: string[] = []): { flags: Set<string>; values: Map<string, string>; operands: string[]; bad?: string; long: Set<string> } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const long = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2).split('=')[0];
      if (!longs.includes(name)) return { flags, values, operands, bad: a, long };
      long.add(name);
      if (a.includes('=')) values.set(name, a.slice(a.indexOf('=') + 1));
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (withValue.includes(f)) {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return { flags, values, operands, bad: `-${f}`, long };
          values.set(f, v);
          break;
        }
        flags.add(f);
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, values, operands, long };
}
