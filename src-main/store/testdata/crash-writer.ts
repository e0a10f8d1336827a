/**
 * Child process for the kill -9 test in member.test.ts: opens the store in argv[2] and writes
 * `/crash/key-N` = `value-N` from 8 concurrent writers until killed, printing `ack N` after each
 * acknowledged put.
 */
import { openStore } from '../member';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: crash-writer <member dir>');
const store = await openStore({ dataDir, snapshotCount: 40 });
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (;;) {
      const i = next++;
      await store.put({ key: `/crash/key-${i}`, value: new TextEncoder().encode(`value-${i}`.padEnd(300, '.')) });
      process.stdout.write(`ack ${i}\n`);
    }
  }),
);
