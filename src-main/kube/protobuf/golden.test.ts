/**
 * Golden bodies captured from real kubectl (tests/testdata/protobuf/capture.mjs): each `.pb` must
 * decode to its `.json`, which for `create` commands is kubectl's own `--dry-run=client -o json`
 * of the same object, i.e. what Go's encoding/json writes for it. Key order is checked too: it
 * follows the Go struct, as kube-apiserver's JSON does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from './decode';

const dir = fileURLToPath(new URL('../../../tests/testdata/protobuf/', import.meta.url));
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.pb'))
  .map((f) => f.replace(/\.pb$/, ''))
  .sort();

describe('kubectl protobuf bodies', () => {
  it('has the captured fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s decodes to the JSON Go would write', (name) => {
    const body = readFileSync(`${dir}${name}.pb`);
    const want = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as Record<string, unknown>;
    const got = decodeProtobufObject(body);
    expect(got.object).toEqual(want);
    expect(JSON.stringify(got.object)).toBe(JSON.stringify(want));
    expect(got.kind).toBe(want.kind);
    expect(got.apiVersion).toBe(want.apiVersion);
  });
});
