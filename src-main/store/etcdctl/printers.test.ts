/**
 * Every output format from fixed responses; the expected text is what etcdctl 3.4.23 printed for
 * the same responses (ORACLES.md §1.c and captures from a real member).
 */
import { describe, expect, it } from 'vitest';
import { createPrinter } from './create-printer';
import { EtcdctlError } from './errors';
import type { OutputFormat, Printer } from './printer';
import type { EndpointStatus, LeaseTimeToLiveResponse, MemberListResponse, RangeResponse, WatchResponse, WireHeader, WireKeyValue } from './wire';

const HEADER: WireHeader = { cluster_id: '14443903163313418560', member_id: '11417610130673999598', revision: '4', raft_term: '2' };

function kv(key: string, value: string, create: number, mod: number, version: number): WireKeyValue {
  return { key: Buffer.from(key), value: Buffer.from(value), create_revision: String(create), mod_revision: String(mod), version: String(version), lease: '0' };
}

const RANGE: RangeResponse = {
  header: HEADER,
  kvs: [kv('/registry/pods/default/demo', '{"kind":"Pod","v":2}', 2, 4, 2), kv('/registry/pods/default/demo2', '{"kind":"Pod"}', 3, 3, 1)],
  more: false,
  count: '2',
};

const MEMBERS: MemberListResponse = {
  header: { ...HEADER, revision: '0' },
  members: [{ ID: '11417610130673999598', name: 's1', peerURLs: ['http://127.0.0.1:22380'], clientURLs: ['http://127.0.0.1:22379'], isLearner: false }],
};

const STATUS: EndpointStatus = {
  endpoint: '127.0.0.1:22379',
  status: {
    header: { ...HEADER, revision: '5' },
    version: '3.4.23',
    dbSize: '20480',
    leader: '11417610130673999598',
    raftIndex: '9',
    raftTerm: '2',
    raftAppliedIndex: '9',
    errors: [],
    dbSizeInUse: '16384',
    isLearner: false,
  },
};

function capture(format: OutputFormat, fn: (p: Printer) => void, hex = false): { out: string; err: string } {
  let out = '';
  let err = '';
  fn(createPrinter(format, { out: (s) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('hex')), err: (s) => (err += s) }, hex));
  return { out, err };
}

describe('get', () => {
  const opts = { keysOnly: false, printValueOnly: false };

  it('simple: key line, value line; --print-value-only; --hex', () => {
    expect(capture('simple', (p) => p.get(RANGE, opts)).out).toBe('/registry/pods/default/demo\n{"kind":"Pod","v":2}\n/registry/pods/default/demo2\n{"kind":"Pod"}\n');
    expect(capture('simple', (p) => p.get(RANGE, { ...opts, printValueOnly: true })).out).toBe('{"kind":"Pod","v":2}\n{"kind":"Pod"}\n');
    const one: RangeResponse = { ...RANGE, kvs: [kv('k1', 'v1', 8, 8, 1)] };
    expect(capture('simple', (p) => p.get(one, opts), true).out).toBe('\\x6b\\x31\n\\x76\\x31\n');
  });

  it('json: the Go struct, defaults left out, IDs as exact numbers', () => {
    expect(capture('json', (p) => p.get(RANGE, opts)).out).toBe(
      '{"header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":4,"raft_term":2},"kvs":[{"key":"L3JlZ2lzdHJ5L3BvZHMvZGVmYXVsdC9kZW1v","create_revision":2,"mod_revision":4,"version":2,"value":"eyJraW5kIjoiUG9kIiwidiI6Mn0="},{"key":"L3JlZ2lzdHJ5L3BvZHMvZGVmYXVsdC9kZW1vMg==","create_revision":3,"mod_revision":3,"version":1,"value":"eyJraW5kIjoiUG9kIn0="}],"count":2}\n',
    );
    expect(capture('json', (p) => p.get({ header: HEADER, kvs: [], more: false, count: '0' }, opts)).out).toBe(
      '{"header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":4,"raft_term":2}}\n',
    );
  });

  it('fields', () => {
    const one: RangeResponse = { ...RANGE, kvs: [RANGE.kvs[0]], count: '1' };
    expect(capture('fields', (p) => p.get(one, opts)).out).toBe(
      [
        '"ClusterID" : 14443903163313418560',
        '"MemberID" : 11417610130673999598',
        '"Revision" : 4',
        '"RaftTerm" : 2',
        '"Key" : "/registry/pods/default/demo"',
        '"CreateRevision" : 2',
        '"ModRevision" : 4',
        '"Version" : 2',
        '"Value" : "{\\"kind\\":\\"Pod\\",\\"v\\":2}"',
        '"Lease" : 0',
        '"More" : false',
        '"Count" : 1',
        '',
      ].join('\n'),
    );
  });

  it('table is refused with exit code 4', () => {
    try {
      capture('table', (p) => p.get(RANGE, opts));
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(EtcdctlError);
      expect((e as EtcdctlError).message).toBe('table not supported as output format');
      expect((e as EtcdctlError).exitCode).toBe(4);
    }
  });
});

describe('put, del, watch', () => {
  it('put prints OK and the previous pair', () => {
    expect(capture('simple', (p) => p.put({ header: HEADER, prev_kv: kv('/registry/pods/default/demo', '{"kind":"Pod"}', 2, 2, 1) })).out).toBe('OK\n/registry/pods/default/demo\n{"kind":"Pod"}\n');
    expect(capture('json', (p) => p.put({ header: HEADER, prev_kv: null })).out).toBe('{"header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":4,"raft_term":2}}\n');
  });

  it('del prints the count', () => {
    expect(capture('simple', (p) => p.del({ header: HEADER, deleted: '0', prev_kvs: [] })).out).toBe('0\n');
    expect(capture('fields', (p) => p.del({ header: HEADER, deleted: '0', prev_kvs: [] })).out).toContain('"Deleted" : 0\n');
  });

  it('watch events, simple and json', () => {
    const del: WatchResponse = {
      header: { ...HEADER, revision: '6' },
      watch_id: '0',
      created: false,
      canceled: false,
      compact_revision: '0',
      cancel_reason: '',
      events: [{ type: 1, kv: { ...kv('/w/b', '', 0, 6, 0), create_revision: '0', version: '0' }, prev_kv: kv('/w/b', 'x', 5, 5, 1) }],
    };
    expect(capture('simple', (p) => p.watch(del)).out).toBe('DELETE\n/w/b\nx\n/w/b\n\n');
    expect(capture('json', (p) => p.watch(del)).out).toBe(
      '{"Header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":6,"raft_term":2},"Events":[{"type":1,"kv":{"key":"L3cvYg==","mod_revision":6},"prev_kv":{"key":"L3cvYg==","create_revision":5,"mod_revision":5,"version":1,"value":"eA=="}}],"CompactRevision":0,"Canceled":false,"Created":false}\n',
    );
  });
});

describe('leases', () => {
  const ttl: LeaseTimeToLiveResponse = { header: HEADER, ID: '2314183916617831949', TTL: '29', grantedTTL: '30', keys: [Buffer.from('/l/k')] };

  it('simple', () => {
    expect(capture('simple', (p) => p.leaseGrant({ header: HEADER, ID: '2314183916617831949', TTL: '30', error: '' })).out).toBe('lease 201da202d6ed960d granted with TTL(30s)\n');
    expect(capture('simple', (p) => p.timeToLive(ttl, true)).out).toBe('lease 201da202d6ed960d granted with TTL(30s), remaining(29s), attached keys([/l/k])\n');
    expect(capture('simple', (p) => p.timeToLive({ ...ttl, TTL: '-1', grantedTTL: '0', keys: [] }, false)).out).toBe('lease 201da202d6ed960d already expired\n');
    expect(capture('simple', (p) => p.leases({ header: HEADER, leases: [{ ID: '2314183916617831949' }] })).out).toBe('found 1 leases\n201da202d6ed960d\n');
    expect(capture('simple', (p) => p.leaseRevoke('2314183916617831949', { header: HEADER })).out).toBe('lease 201da202d6ed960d revoked\n');
  });

  it('json flattens the header as etcd client structs do', () => {
    expect(capture('json', (p) => p.timeToLive(ttl, true)).out).toBe(
      '{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":4,"raft_term":2,"id":2314183916617831949,"ttl":29,"granted-ttl":30,"keys":["L2wvaw=="]}\n',
    );
    expect(capture('json', (p) => p.leaseGrant({ header: HEADER, ID: '7', TTL: '60', error: '' })).out).toBe(
      '{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":4,"raft_term":2,"ID":7,"TTL":60,"Error":""}\n',
    );
  });
});

describe('members and endpoints', () => {
  it('member list in all formats', () => {
    expect(capture('simple', (p) => p.memberList(MEMBERS)).out).toBe('9e737febb6b99eee, started, s1, http://127.0.0.1:22380, http://127.0.0.1:22379, false\n');
    expect(capture('table', (p) => p.memberList(MEMBERS)).out).toBe(
      [
        '+------------------+---------+------+------------------------+------------------------+------------+',
        '|        ID        | STATUS  | NAME |       PEER ADDRS       |      CLIENT ADDRS      | IS LEARNER |',
        '+------------------+---------+------+------------------------+------------------------+------------+',
        '| 9e737febb6b99eee | started |   s1 | http://127.0.0.1:22380 | http://127.0.0.1:22379 |      false |',
        '+------------------+---------+------+------------------------+------------------------+------------+',
        '',
      ].join('\n'),
    );
    expect(capture('json', (p) => p.memberList(MEMBERS)).out).toBe(
      '{"header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"raft_term":2},"members":[{"ID":11417610130673999598,"name":"s1","peerURLs":["http://127.0.0.1:22380"],"clientURLs":["http://127.0.0.1:22379"]}]}\n',
    );
    expect(capture('fields', (p) => p.memberList(MEMBERS)).out).toBe(
      '"ClusterID" : 14443903163313418560\n"MemberID" : 11417610130673999598\n"Revision" : 0\n"RaftTerm" : 2\n"ID" : 11417610130673999598\n"Name" : "s1"\n"PeerURL" : "http://127.0.0.1:22380"\n"ClientURL" : "http://127.0.0.1:22379"\n"IsLearner" : false\n\n',
    );
  });

  it('endpoint status in all formats', () => {
    expect(capture('simple', (p) => p.endpointStatus([STATUS])).out).toBe('127.0.0.1:22379, 9e737febb6b99eee, 3.4.23, 20 kB, true, false, 2, 9, 9, \n');
    expect(capture('table', (p) => p.endpointStatus([STATUS])).out).toBe(
      [
        '+-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
        '|    ENDPOINT     |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |',
        '+-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
        '| 127.0.0.1:22379 | 9e737febb6b99eee |  3.4.23 |   20 kB |      true |      false |         2 |          9 |                  9 |        |',
        '+-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
        '',
      ].join('\n'),
    );
    expect(capture('json', (p) => p.endpointStatus([STATUS])).out).toBe(
      '[{"Endpoint":"127.0.0.1:22379","Status":{"header":{"cluster_id":14443903163313418560,"member_id":11417610130673999598,"revision":5,"raft_term":2},"version":"3.4.23","dbSize":20480,"leader":11417610130673999598,"raftIndex":9,"raftTerm":2,"raftAppliedIndex":9,"dbSizeInUse":16384}}]\n',
    );
    expect(capture('fields', (p) => p.endpointStatus([STATUS])).out).toContain('"Errors" : []\n"Endpoint" : "127.0.0.1:22379"\n\n');
  });

  it('endpoint health goes to stderr in simple form, to stdout as a table', () => {
    const rows = [
      { endpoint: '127.0.0.1:22379', health: true, tookNs: 1_373_732, error: '' },
      { endpoint: '127.0.0.1:29999', health: false, tookNs: 1_001_521_126, error: 'context deadline exceeded' },
    ];
    const simple = capture('simple', (p) => p.endpointHealth(rows));
    expect(simple.out).toBe('');
    expect(simple.err).toBe('127.0.0.1:22379 is healthy: successfully committed proposal: took = 1.373732ms\n127.0.0.1:29999 is unhealthy: failed to commit proposal: context deadline exceeded\n');
    expect(capture('table', (p) => p.endpointHealth(rows)).out).toBe(
      [
        '+-----------------+--------+--------------+---------------------------+',
        '|    ENDPOINT     | HEALTH |     TOOK     |           ERROR           |',
        '+-----------------+--------+--------------+---------------------------+',
        '| 127.0.0.1:22379 |   true |   1.373732ms |                           |',
        '| 127.0.0.1:29999 |  false | 1.001521126s | context deadline exceeded |',
        '+-----------------+--------+--------------+---------------------------+',
        '',
      ].join('\n'),
    );
    expect(capture('json', (p) => p.endpointHealth(rows.slice(1))).out).toBe('[{"endpoint":"127.0.0.1:29999","health":false,"took":"1.001521126s","error":"context deadline exceeded"}]\n');
  });

  it('snapshot status', () => {
    const s = { hash: 0x8e450212, revision: 100001, totalKey: 100004, totalSize: 137998336 };
    expect(capture('simple', (p) => p.snapshotStatus(s)).out).toBe('8e450212, 100001, 100004, 138 MB\n');
    expect(capture('json', (p) => p.snapshotStatus(s)).out).toBe('{"hash":2386887186,"revision":100001,"totalKey":100004,"totalSize":137998336}\n');
    expect(capture('fields', (p) => p.snapshotStatus(s)).out).toBe('"Hash" : 2386887186\n"Revision" : 100001\n"Keys" : 100004\n"Size" : 137998336\n');
    expect(capture('table', (p) => p.snapshotStatus(s)).out).toBe(
      [
        '+----------+----------+------------+------------+',
        '|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |',
        '+----------+----------+------------+------------+',
        '| 8e450212 |   100001 |     100004 |     138 MB |',
        '+----------+----------+------------+------------+',
        '',
      ].join('\n'),
    );
  });
});
