/**
 * Snapshot files in a member's `snap/` folder, named like etcd's (`%016x-%016x.snap`, term-index).
 * Saving is atomic: write `<name>.tmp`, fsync, rename, fsync the folder. Loading takes the newest
 * file that decodes completely and skips (and reports) broken ones.
 */
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSnapName, snapName, type SnapName } from '../file-names';
import { fsyncDir } from '../fs-sync';
import type { MvccState } from '../mvcc/mvcc-store';
import { decodeSnapshot, encodeSnapshot, type SnapshotMeta } from './snapshot-codec';

export interface LoadedSnapshot {
  name: string;
  meta: SnapshotMeta;
  state: MvccState;
}

export class Snapshotter {
  private constructor(private readonly dir: string) {}

  /** Opens the folder (creating it) and removes temporary files a crash left behind. */
  static async open(dir: string): Promise<Snapshotter> {
    await mkdir(dir, { recursive: true });
    for (const f of await readdir(dir)) {
      if (f.endsWith('.snap.tmp')) await unlink(join(dir, f));
    }
    return new Snapshotter(dir);
  }

  /** Snapshot files, newest (highest index) first. */
  async list(): Promise<SnapName[]> {
    return (await readdir(this.dir))
      .map(parseSnapName)
      .filter((s): s is SnapName => s !== undefined)
      .sort((a, b) => b.index - a.index || b.term - a.term);
  }

  /** Writes the snapshot durably; returns its file name. */
  async save(meta: SnapshotMeta, state: MvccState): Promise<string> {
    const name = snapName(meta.term, meta.index);
    const tmp = join(this.dir, `${name}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      let pos = 0;
      for (const chunk of encodeSnapshot(meta, state)) {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, written, chunk.length - written, pos + written);
          if (bytesWritten === 0) throw new Error(`short write to ${tmp}`);
          written += bytesWritten;
        }
        pos += chunk.length;
      }
      await fh.sync();
    } catch (e) {
      await fh.close();
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await fh.close();
    await rename(tmp, join(this.dir, name));
    await fsyncDir(this.dir);
    return name;
  }

  /** The newest snapshot that loads, and the newer ones that did not (with why). */
  async loadNewest(): Promise<{ loaded?: LoadedSnapshot; skipped: { name: string; error: string }[] }> {
    const skipped: { name: string; error: string }[] = [];
    for (const s of await this.list()) {
      const fh = await open(join(this.dir, s.name), 'r');
      try {
        const { meta, state } = await decodeSnapshot(fh, (await fh.stat()).size);
        if (meta.index !== s.index) throw new Error(`holds index ${meta.index}, not the ${s.index} its name says`);
        return { loaded: { name: s.name, meta, state }, skipped };
      } catch (e) {
        skipped.push({ name: s.name, error: e instanceof Error ? e.message : String(e) });
      } finally {
        await fh.close();
      }
    }
    return { skipped };
  }

  /** Deletes all but the newest `keep` snapshots; returns the index of the oldest one kept. */
  async purge(keep: number): Promise<number | undefined> {
    const all = await this.list();
    const gone = all.slice(Math.max(1, keep));
    for (const s of gone) await unlink(join(this.dir, s.name));
    if (gone.length > 0) await fsyncDir(this.dir);
    return all.slice(0, Math.max(1, keep)).at(-1)?.index;
  }
}
