/**
 * Runs the data-driven scheduling scripts in tests/testdata/scheduler/*.yaml. Each file sets up
 * nodes and existing pods; each case schedules one pod (or several in turn, each bound where it
 * went) against a fresh copy and checks the placement, or the exact FailedScheduling message, and
 * optionally preemption's nomination and victims, per-node filter outcomes and score totals.
 * tests/testdata/scheduler/README.md describes the format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Namespace, Pod, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { seededRand } from '../common/rand';
import { filterTable, scoreTable } from './diagnosis';
import { Snapshot } from './framework/snapshot';
import { createProfile, type ProfileConfig } from './profile';
import { schedulePod, type ScheduleResult } from './schedule-pod';
import { makeNode, makePod, type NodeShorthand, type PodShorthand } from './testing/objects';

interface Expect {
  node?: string;
  nodeIn?: string[];
  nodes?: (string | null)[];
  message?: string;
  nominated?: string;
  victims?: string[];
  /** node → "Passed" | "Plugin: reason[, reason]" | "NotFiltered" */
  filters?: Record<string, string>;
  /** node → total weighted score */
  scores?: Record<string, number>;
  /** node → plugin → normalized × weight */
  pluginScores?: Record<string, Record<string, number>>;
}

interface Case {
  name: string;
  pod?: PodShorthand;
  pods?: PodShorthand[];
  seed?: number;
  expect: Expect;
}

interface Script {
  description?: string;
  profile?: ProfileConfig;
  nodes: NodeShorthand[];
  pods?: PodShorthand[];
  namespaces?: { name: string; labels?: Record<string, string> }[];
  services?: { name: string; namespace?: string; selector: Record<string, string> }[];
  replicaSets?: { name: string; namespace?: string; selector: Record<string, string> }[];
  cases: Case[];
}

const dir = new URL('../../tests/testdata/scheduler/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function snapshotFor(s: Script): Snapshot {
  const namespaces: Namespace[] = (s.namespaces ?? []).map((n) => ({ metadata: { name: n.name, labels: n.labels ?? {} } }));
  const services: Service[] = (s.services ?? []).map((x) => ({ metadata: { name: x.name, namespace: x.namespace ?? 'default' }, spec: { selector: x.selector } }));
  const replicaSets: ReplicaSet[] = (s.replicaSets ?? []).map((x) => ({ metadata: { name: x.name, namespace: x.namespace ?? 'default' }, spec: { selector: { matchLabels: x.selector }, template: {} } }));
  return Snapshot.from(s.nodes.map(makeNode), (s.pods ?? []).map(makePod), { namespaces, services, replicaSets });
}

function filterCell(r: ScheduleResult, node: string): string {
  const row = filterTable(r.diagnosis).find((x) => x.node === node);
  if (!row) return 'NotFiltered';
  const rejected = row.cells.find((c) => c.cell.state === 'Rejected');
  if (!rejected || rejected.cell.state !== 'Rejected') return 'Passed';
  return `${rejected.plugin}: ${rejected.cell.reasons.join(', ')}`;
}

function check(r: ScheduleResult, e: Expect): void {
  if (e.message !== undefined) {
    expect(r.result === 'Scheduled' ? `scheduled on ${r.nodeName}` : r.message).toBe(e.message);
  }
  if (e.node !== undefined) expect(r.result === 'Scheduled' ? r.nodeName : r.message).toBe(e.node);
  if (e.nodeIn !== undefined) expect(e.nodeIn).toContain(r.result === 'Scheduled' ? r.nodeName : r.message);
  if (e.nominated !== undefined) expect(r.result === 'Unschedulable' ? r.nominatedNodeName : undefined).toBe(e.nominated);
  if (e.victims !== undefined) expect(r.result === 'Unschedulable' ? (r.victims ?? []).map((v) => v.metadata?.name).sort() : []).toEqual([...e.victims].sort());
  for (const [node, want] of Object.entries(e.filters ?? {})) expect(`${node} ${filterCell(r, node)}`).toBe(`${node} ${want}`);
  const rows = scoreTable(r.diagnosis);
  for (const [node, want] of Object.entries(e.scores ?? {})) expect(`${node} ${rows.find((x) => x.node === node)?.total}`).toBe(`${node} ${want}`);
  for (const [node, plugins] of Object.entries(e.pluginScores ?? {})) {
    const row = rows.find((x) => x.node === node);
    for (const [plugin, want] of Object.entries(plugins)) {
      expect(`${node} ${plugin} ${row?.plugins.find((p) => p.plugin === plugin)?.weighted}`).toBe(`${node} ${plugin} ${want}`);
    }
  }
}

for (const file of files) {
  const script = parse(readFileSync(new URL(file, dir), 'utf8')) as Script;
  describe(file, () => {
    for (const c of script.cases) {
      it(c.name, () => {
        const snapshot = snapshotFor(script);
        const profile = createProfile(script.profile);
        const rand = seededRand(c.seed ?? 1);
        if (c.pods) {
          const placed: (string | null)[] = [];
          let next = 0;
          for (const p of c.pods) {
            const pod: Pod = makePod(p);
            const r = schedulePod(pod, snapshot, profile, rand, { nextStartNodeIndex: next });
            next = r.nextStartNodeIndex;
            if (r.result === 'Scheduled') {
              placed.push(r.nodeName);
              snapshot.addPod({ ...pod, spec: { ...pod.spec!, nodeName: r.nodeName } });
            } else {
              placed.push(null);
            }
          }
          expect(placed).toEqual(c.expect.nodes);
          return;
        }
        if (!c.pod) throw new Error(`case "${c.name}" has neither pod nor pods`);
        check(schedulePod(makePod(c.pod), snapshot, profile, rand), c.expect);
      });
    }
  });
}
