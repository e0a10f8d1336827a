/**
 * A new member folder from a snapshot, as `etcdctl snapshot restore` makes one: the keyspace as
 * the folder's only snapshot (`snap/`) and an empty WAL that starts right after it (`wal/`), so
 * openStore() recovers exactly that state and appends from there. Written with the store's own
 * Snapshotter and Wal, so the files are whatever the store itself would write.
 */
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MvccState } from './mvcc/mvcc-store';
import type { SnapshotMeta } from './snapshot/snapshot-codec';
import { Snapshotter } from './snapshot/snapshotter';
import { Wal } from './wal/wal';

/** etcd restores to term 1, index 1 (a new raft log); the store's log starts there too. */
export const RESTORED_SNAPSHOT_META: SnapshotMeta = { term: 1, index: 1 };

/**
 * Writes `state` into the member folder `memberDir` (…/member; must not exist yet) so that
 * openStore({ dataDir: memberDir }) opens it. Returns the snapshot file's name.
 */
export async function writeRestoredMember(memberDir: string, state: MvccState, meta: SnapshotMeta = RESTORED_SNAPSHOT_META): Promise<string> {
  const exists = await access(memberDir).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`store: cannot restore into ${memberDir}: it already exists`);
  await mkdir(memberDir, { recursive: true, mode: 0o700 });
  const snapshotter = await Snapshotter.open(join(memberDir, 'snap'));
  const name = await snapshotter.save(meta, state);
  const { wal } = await Wal.open(join(memberDir, 'wal'), meta.index, () => {
    throw new Error('store: a new WAL holds no entries');
  });
  await wal.close();
  return name;
}
