/**
 * The in-memory filesystem of one exec session: directories, regular files, symlinks and
 * character devices, with modes, owners and times so `ls -l` looks like a real container's.
 * Paths resolve like the kernel's (symlinks followed, `..` after them), and every failure is an
 * errno-style code that the commands turn into their own wording.
 */

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'ELOOP' | 'EINVAL';

/** strerror() text, as every C program prints it. */
export const ERRNO_TEXT: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
};

export type NodeKind = 'dir' | 'file' | 'link' | 'char';

export interface Inode {
  kind: NodeKind;
  /** Permission bits, e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** Hard links; directories count their subdirectories as real ones do. */
  nlink: number;
  content: string;
  /** The size `ls` shows when it is not the content's (binaries we do not hold the bytes of). */
  size?: number;
  target?: string;
  children?: Map<string, Inode>;
  /** For executables: which simulated program runs (`ls`, `busybox`, `dash`, ...). */
  program?: string;
}

export class FsFailure extends Error {
  constructor(readonly code: FsError) {
    super(ERRNO_TEXT[code]);
  }
}

/** Splits a path into its components, resolving `.` and `..` lexically against cwd. */
export function absolute(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function sizeOf(node: Inode): number {
  if (node.size !== undefined) return node.size;
  if (node.kind === 'dir') return 4096;
  if (node.kind === 'link') return byteLength(node.target ?? '');
  if (node.kind === 'char') return 0;
  return byteLength(node.content);
}

export class FileSystem {
  readonly root: Inode;

  constructor(private now: () => number) {
    this.root = this.newNode('dir', 0o755, now());
    this.root.nlink = 2;
  }

  /** Where new times come from (the image build time while building, then the cluster's). */
  setClock(now: () => number): void {
    this.now = now;
  }

  newNode(kind: NodeKind, mode: number, mtime: number, uid = 0, gid = 0): Inode {
    return { kind, mode, uid, gid, mtime, nlink: kind === 'dir' ? 2 : 1, content: '', ...(kind === 'dir' ? { children: new Map<string, Inode>() } : {}) };
  }

  /**
   * Walks to a node. `follow` says whether a symlink in the last component is followed (stat)
   * or returned itself (lstat). Relative paths must already be made absolute.
   */
  lookup(path: string, follow = true): Inode {
    return this.walk(path, follow, 0).node;
  }

  private walk(path: string, follow: boolean, depth: number): { node: Inode; path: string } {
    if (depth > 16) throw new FsFailure('ELOOP');
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    let node = this.root;
    let at: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      if (node.kind !== 'dir') throw new FsFailure('ENOTDIR');
      if (name === '..') {
        at = at.slice(0, -1);
        node = this.walk(`/${at.join('/')}`, true, depth + 1).node;
        continue;
      }
      const child = node.children?.get(name);
      if (!child) throw new FsFailure('ENOENT');
      const last = i === parts.length - 1;
      if (child.kind === 'link' && (follow || !last)) {
        const target = child.target ?? '';
        const base = target.startsWith('/') ? target : `/${at.join('/')}/${target}`;
        const resolved = this.walk(base, true, depth + 1);
        node = resolved.node;
        at = resolved.path.split('/').filter((p) => p !== '');
      } else {
        node = child;
        at.push(name);
      }
    }
    // A trailing slash insists on a directory, as the kernel does.
    if (path.endsWith('/') && path !== '/' && node.kind !== 'dir') throw new FsFailure('ENOTDIR');
    return { node, path: `/${at.join('/')}` };
  }

  /** The canonical path of a directory (what `pwd -P` would print). */
  realpath(path: string): string {
    return this.walk(path, true, 0).path;
  }

  exists(path: string): boolean {
    try {
      this.lookup(path, false);
      return true;
    } catch {
      return false;
    }
  }

  tryLookup(path: string, follow = true): Inode | undefined {
    try {
      return this.lookup(path, follow);
    } catch {
      return undefined;
    }
  }

  /** The directory that holds `path` and the name in it. */
  parentOf(path: string): { dir: Inode; name: string } {
    const name = basename(path);
    const dir = this.lookup(dirname(path));
    if (dir.kind !== 'dir') throw new FsFailure('ENOTDIR');
    return { dir, name };
  }

  list(path: string): [string, Inode][] {
    const node = this.lookup(path);
    if (node.kind !== 'dir') throw new FsFailure('ENOTDIR');
    return [...(node.children ?? new Map<string, Inode>()).entries()];
  }

  readFile(path: string): string {
    const node = this.lookup(path);
    if (node.kind === 'dir') throw new FsFailure('EISDIR');
    return node.content;
  }

  /** Creates or overwrites (or appends to) a regular file. Writes to a char device vanish. */
  writeFile(path: string, data: string, append = false, mode = 0o644): void {
    const existing = this.tryLookup(path);
    if (existing) {
      if (existing.kind === 'dir') throw new FsFailure('EISDIR');
      if (existing.kind === 'char') return;
      existing.content = append ? existing.content + data : data;
      existing.size = undefined;
      existing.mtime = this.now();
      return;
    }
    const { dir, name } = this.parentOf(path);
    if (path.endsWith('/')) throw new FsFailure('EISDIR');
    const node = this.newNode('file', mode, this.now());
    node.content = data;
    this.attach(dir, name, node);
  }

  mkdir(path: string, parents = false, mode = 0o755): void {
    if (parents) {
      let at = '';
      for (const part of path.split('/').filter((p) => p !== '')) {
        at += `/${part}`;
        const node = this.tryLookup(at);
        if (node?.kind === 'dir') continue;
        if (node) throw new FsFailure('EEXIST');
        this.mkdir(at, false, mode);
      }
      return;
    }
    if (this.exists(path)) throw new FsFailure('EEXIST');
    const { dir, name } = this.parentOf(path);
    this.attach(dir, name, this.newNode('dir', mode, this.now()));
  }

  symlink(target: string, path: string): void {
    const { dir, name } = this.parentOf(path);
    const node = this.newNode('link', 0o777, this.now());
    node.target = target;
    this.attach(dir, name, node);
  }

  /** Puts a node into a directory, keeping the directory's link count and time right. */
  attach(dir: Inode, name: string, node: Inode): void {
    const old = dir.children?.get(name);
    if (old?.kind === 'dir') dir.nlink--;
    dir.children?.set(name, node);
    if (node.kind === 'dir') dir.nlink++;
    dir.mtime = this.now();
  }

  /** Removes a name; a directory only when `recursive` or empty. */
  remove(path: string, recursive = false): void {
    const node = this.lookup(path, false);
    if (node === this.root) throw new FsFailure('EINVAL');
    if (node.kind === 'dir' && !recursive) throw new FsFailure('EISDIR');
    const { dir, name } = this.parentOf(path);
    dir.children?.delete(name);
    if (node.kind === 'dir') dir.nlink--;
    dir.mtime = this.now();
  }

  rmdir(path: string): void {
    const node = this.lookup(path, false);
    if (node.kind !== 'dir') throw new FsFailure('ENOTDIR');
    if ((node.children?.size ?? 0) > 0) throw new FsFailure('ENOTEMPTY');
    this.remove(path, true);
  }

  /** A deep copy of a node (cp -r), with fresh times. */
  clone(node: Inode): Inode {
    const copy: Inode = { ...node, mtime: this.now(), nlink: node.kind === 'dir' ? node.nlink : 1 };
    if (node.children) copy.children = new Map([...node.children].map(([k, v]) => [k, this.clone(v)]));
    return copy;
  }

  touch(node: Inode): void {
    node.mtime = this.now();
  }
}
