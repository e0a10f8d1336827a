/**
 * Runs the patch cases in tests/testdata/strategic-merge/*.yaml (see the README there). With
 * KUBEDECK_PATCH_PEER=<kubectl binary> each case is also run through `kubectl patch --local`,
 * which applies patches with the same libraries as kube-apiserver, and the golden file must agree
 * with it; adding KUBEDECK_UPDATE_GOLDEN=1 rewrites the golden texts from kubectl instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, type Document } from 'yaml';
import { applyPatch, PatchError } from './index';
import { isJsonObject, type JsonObject } from './json-value';

const DATA_DIR = fileURLToPath(new URL('../../../tests/testdata/strategic-merge/', import.meta.url));
const PEER = process.env.KUBEDECK_PATCH_PEER ?? '';
const UPDATE = PEER !== '' && process.env.KUBEDECK_UPDATE_GOLDEN === '1';

const CONTENT_TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

interface ExpectedError {
  code?: number;
  reason?: string;
  message?: string;
  detail?: string;
}

interface PatchCase {
  name: string;
  type: string;
  original: JsonObject;
  patch: unknown;
  expected?: unknown;
  error?: ExpectedError;
}

function loadCases(doc: Document): PatchCase[] {
  const raw: unknown = doc.toJS();
  if (!Array.isArray(raw)) throw new Error('a case file holds a list of cases');
  return raw.map((c: unknown): PatchCase => {
    if (!isJsonObject(c) || typeof c.name !== 'string' || !isJsonObject(c.original)) throw new Error(`bad case ${JSON.stringify(c)}`);
    return {
      name: c.name,
      type: typeof c.type === 'string' ? c.type : 'strategic',
      original: c.original,
      patch: c.patch,
      expected: c.expected,
      error: isJsonObject(c.error) ? (c.error as ExpectedError) : undefined,
    };
  });
}

function gvkOf(obj: JsonObject): { group: string; version: string; kind: string } {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group, version, kind: typeof obj.kind === 'string' ? obj.kind : '' };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: PatchError };

function run(c: PatchCase): Outcome {
  try {
    return { ok: true, value: applyPatch(CONTENT_TYPES[c.type], c.original, c.patch, gvkOf(c.original)) };
  } catch (e) {
    if (e instanceof PatchError) return { ok: false, error: e };
    throw e;
  }
}

const scratch = PEER ? mkdtempSync(join(tmpdir(), 'kubedeck-patch-peer-')) : '';
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** What `kubectl patch --local` makes of the case: the object, or the text after `error: `. */
function runPeer(c: PatchCase): { ok: true; value: unknown } | { ok: false; text: string } {
  const file = join(scratch, 'original.json');
  writeFileSync(file, JSON.stringify(c.original));
  const args = ['patch', '--local', '-f', file, '--type', c.type, '-p', JSON.stringify(c.patch), '-o', 'json'];
  try {
    const out = execFileSync(PEER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, value: JSON.parse(out) };
  } catch (e) {
    // Older kubectls log a warning line first; the message is what follows `error: `. A Go panic
    // prints `panic: <runtime error>` and a stack.
    const stderr = String((e as { stderr?: unknown }).stderr ?? e);
    const panic = /^panic: (.*)$/m.exec(stderr);
    if (panic) return { ok: false, text: panic[1].replace(/ \[recovered\]$/, '') };
    const at = stderr.search(/^error: /m);
    return { ok: false, text: (at >= 0 ? stderr.slice(at + 'error: '.length) : stderr).trimEnd() };
  }
}

const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe.each(files)('%s', (file) => {
  const path = join(DATA_DIR, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const cases = loadCases(doc);

  if (UPDATE) {
    afterAll(() => writeFileSync(path, doc.toString({ lineWidth: 0, flowCollectionPadding: false })));
  }

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i];
    if (UPDATE) {
      const peer = runPeer(c);
      if (peer.ok) {
        doc.deleteIn([i, 'error']);
        doc.setIn([i, 'expected'], doc.createNode(peer.value, { flow: false }));
      } else {
        doc.deleteIn([i, 'expected']);
        const field = c.error?.detail !== undefined || c.error?.code === 422 || c.error?.reason === 'InternalError' ? 'detail' : 'message';
        doc.setIn([i, 'error'], doc.createNode({ ...c.error, [field]: peer.text }, { flow: false }));
      }
      return;
    }
    if (PEER) {
      const peer = runPeer(c);
      if (peer.ok) expect(c.expected, 'golden vs kubectl').toEqual(peer.value);
      else expect(c.error?.detail ?? c.error?.message, 'golden error vs kubectl').toBe(peer.text);
    }
    const got = run(c);
    if (c.error) {
      expect(got.ok, 'an error was expected').toBe(false);
      if (got.ok) return;
      const { code, reason, message, detail } = c.error;
      expect({ code: got.error.code, reason: got.error.reason }).toEqual({ code, reason });
      // kubectl ends what it prints with one newline, so a message's own final newline is lost.
      if (message !== undefined) expect(got.error.message.trimEnd()).toBe(message);
      if (detail !== undefined) expect((got.error.detail ?? got.error.message).trimEnd()).toBe(detail);
    } else {
      if (!got.ok) throw got.error;
      expect(got.value).toEqual(c.expected);
    }
  });
});
