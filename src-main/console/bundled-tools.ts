/**
 * Tools Kubedeck brings for its terminal: the bundled etcdctl goes on the shell's PATH only when
 * the machine has no etcdctl of its own (a real one wins).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(command: string, pathVar = process.env.PATH ?? ''): boolean {
  return pathVar.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Folders to put first on the terminal's PATH, given where the bundled `bin/` folder is. */
export function bundledToolPaths(binDir: string): string[] {
  return onPath('etcdctl') ? [] : [binDir];
}
