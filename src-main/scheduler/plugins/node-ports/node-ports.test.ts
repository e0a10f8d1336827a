import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';
import { makePod } from '../../testing/objects';

const NO = "node(s) didn't have free ports for the requested pod ports";

describe('NodePorts', () => {
  const existing = [
    { name: 'web', node: 'a', hostPorts: [80] },
    { name: 'dns', node: 'b', spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.2' }] }] } },
  ];
  it.each([
    { name: 'free port', ports: [{ hostPort: 8080, containerPort: 8080 }], want: { a: 'ok', b: 'ok' } },
    { name: 'TCP 80 taken on a', ports: [{ hostPort: 80, containerPort: 80 }], want: { a: NO, b: 'ok' } },
    { name: 'same port, other protocol', ports: [{ hostPort: 80, containerPort: 80, protocol: 'UDP' }], want: { a: 'ok', b: 'ok' } },
    { name: '0.0.0.0 conflicts with a specific IP', ports: [{ hostPort: 53, containerPort: 53, protocol: 'UDP' }], want: { a: 'ok', b: NO } },
    { name: 'another specific IP does not', ports: [{ hostPort: 53, containerPort: 53, protocol: 'UDP', hostIP: '10.0.0.3' }], want: { a: 'ok', b: 'ok' } },
  ])('$name', ({ ports, want }) => {
    const pod = makePod({ name: 'p', spec: { containers: [{ name: 'c', ports }] } });
    expect(runPlugins([{ name: 'NodePorts' }], [{ name: 'a' }, { name: 'b' }], existing, pod).filters).toEqual(want);
  });
});
