/**
 * Programs that change or read files: cat, mkdir, touch, rm, cp, mv, with GNU coreutils'
 * messages (`cannot access`, `cannot remove`) or BusyBox's (`can't open`, `can't remove`).
 */
import { absolute, basename, FsFailure, type Inode } from './file-system';
import { errnoText, getopt, isBusybox, type Proc, type Program } from './program-api';

const cat: Program = async (p) => {
  const { fs, cwd } = p.sys;
  const bb = isBusybox(p.sys);
  const opt = getopt(p.argv.slice(1));
  const files = opt.operands.length > 0 ? opt.operands : ['-'];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      for (let chunk = await p.stdin.read(); chunk !== null; chunk = await p.stdin.read()) p.out(chunk);
      continue;
    }
    try {
      let text = fs.readFile(absolute(cwd, f));
      if (opt.flags.has('n')) text = numberLines(text);
      p.out(text);
    } catch (e) {
      const why = errnoText(e);
      if (bb) p.err(why === 'Is a directory' ? `cat: read error: Is a directory\n` : `cat: can't open '${f}': ${why}\n`);
      else p.err(`cat: ${f}: ${why}\n`);
      status = 1;
    }
  }
  return status;
};

function numberLines(text: string): string {
  const lines = text.split('\n');
  const last = lines.pop();
  const out = lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join('');
  return last ? `${out}${String(lines.length + 1).padStart(6)}\t${last}` : out;
}

function missingOperand(p: Proc, name: string): number {
  if (isBusybox(p.sys)) p.err(`BusyBox v${p.sys.profile.busyboxVersion} multi-call binary.\n\nUsage: ${name} ...\n`);
  else p.err(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
  return 1;
}

const mkdir: Program = (p) => {
  const opt = getopt(p.argv.slice(1), 'm');
  if (opt.operands.length === 0) return missingOperand(p, 'mkdir');
  let status = 0;
  for (const d of opt.operands) {
    try {
      p.sys.fs.mkdir(absolute(p.sys.cwd, d), opt.flags.has('p'));
    } catch (e) {
      p.err(isBusybox(p.sys) ? `mkdir: can't create directory '${d}': ${errnoText(e)}\n` : `mkdir: cannot create directory '${d}': ${errnoText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

const touch: Program = (p) => {
  const opt = getopt(p.argv.slice(1), 'dtr');
  if (opt.operands.length === 0) return missingOperand(p, 'touch');
  let status = 0;
  for (const f of opt.operands) {
    const path = absolute(p.sys.cwd, f);
    try {
      const node = p.sys.fs.tryLookup(path);
      if (node) p.sys.fs.touch(node);
      else if (!opt.flags.has('c')) p.sys.fs.writeFile(path, '');
    } catch (e) {
      p.err(isBusybox(p.sys) ? `touch: ${f}: ${errnoText(e)}\n` : `touch: cannot touch '${f}': ${errnoText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Program = (p) => {
  const opt = getopt(p.argv.slice(1), '', ['recursive', 'force']);
  const recursive = opt.flags.has('r') || opt.flags.has('R') || opt.long.has('recursive');
  const force = opt.flags.has('f') || opt.long.has('force');
  const bb = isBusybox(p.sys);
  if (opt.operands.length === 0) return force ? 0 : missingOperand(p, 'rm');
  let status = 0;
  for (const f of opt.operands) {
    const path = absolute(p.sys.cwd, f);
    const node = p.sys.fs.tryLookup(path, false);
    if (!node) {
      if (force) continue;
      p.err(bb ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (node.kind === 'dir' && !recursive) {
      p.err(bb ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (path === '/') {
      p.err(bb ? `rm: can't remove '/'\n` : `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    p.sys.fs.remove(path, true);
  }
  return status;
};

/** cp and mv share the "copy/move into a directory or onto a name" rules. */
function transfer(p: Proc, move: boolean): number {
  const name = move ? 'mv' : 'cp';
  const bb = isBusybox(p.sys);
  const opt = getopt(p.argv.slice(1), '', ['recursive', 'force']);
  const recursive = opt.flags.has('r') || opt.flags.has('R') || opt.flags.has('a') || opt.long.has('recursive');
  const ops = opt.operands;
  if (ops.length === 0) return missingOperand(p, name);
  if (ops.length === 1) {
    if (bb) return missingOperand(p, name);
    p.err(`${name}: missing destination file operand after '${ops[0]}'\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  const { fs, cwd } = p.sys;
  const dest = ops[ops.length - 1];
  const destPath = absolute(cwd, dest);
  const destNode = fs.tryLookup(destPath);
  if (ops.length > 2 && destNode?.kind !== 'dir') {
    p.err(bb ? `${name}: '${dest}' is not a directory\n` : `${name}: target '${dest}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const src of ops.slice(0, -1)) {
    const srcPath = absolute(cwd, src);
    let node: Inode;
    try {
      node = fs.lookup(srcPath, move);
    } catch (e) {
      if (bb) p.err(move ? `mv: can't rename '${src}': ${errnoText(e)}\n` : `cp: can't stat '${src}': ${errnoText(e)}\n`);
      else p.err(`${name}: cannot stat '${src}': ${errnoText(e)}\n`);
      status = 1;
      continue;
    }
    if (!move && node.kind === 'dir' && !recursive) {
      p.err(bb ? `cp: omitting directory '${src}'\n` : `cp: -r not specified; omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    const target = destNode?.kind === 'dir' ? `${destPath}/${basename(srcPath)}` : destPath;
    try {
      const existing = fs.tryLookup(target);
      if (existing?.kind === 'dir' && node.kind !== 'dir') throw new FsFailure('EISDIR');
      if (existing && node.kind !== 'dir' && existing.kind !== 'dir' && !move) {
        // cp over an existing file keeps that file and replaces its bytes.
        fs.writeFile(target, node.content);
        continue;
      }
      const { dir, name: leaf } = fs.parentOf(target);
      fs.attach(dir, leaf, move ? node : fs.clone(node));
      if (move) {
        const { dir: from, name: fromLeaf } = fs.parentOf(srcPath);
        from.children?.delete(fromLeaf);
        if (node.kind === 'dir') from.nlink--;
      }
    } catch (e) {
      if (bb) p.err(`${name}: can't create '${target}': ${errnoText(e)}\n`);
      else p.err(move ? `mv: cannot move '${src}' to '${dest}': ${errnoText(e)}\n` : `cp: cannot create regular file '${dest}': ${errnoText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

const rmdir: Program = (p) => {
  let status = 0;
  for (const d of p.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    try {
      p.sys.fs.rmdir(absolute(p.sys.cwd, d));
    } catch (e) {
      p.err(isBusybox(p.sys) ? `rmdir: '${d}': ${errnoText(e)}\n` : `rmdir: failed to remove '${d}': ${errnoText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const FILE_PROGRAMS: Record<string, Program> = {
  cat,
  mkdir,
  touch,
  rm,
  rmdir,
  cp: (p) => transfer(p, false),
  mv: (p) => transfer(p, true),
};
