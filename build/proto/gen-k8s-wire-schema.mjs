#!/usr/bin/env node
// Generates src-main/kube/protobuf/wire-schema-data.ts: for every protobuf message of the API groups
// Kubedeck serves, which field number maps to which JSON key, and how Go would turn the decoded
// value into JSON (pointer or not, omitempty, inline).
//
// Inputs are the upstream sources in the local git mirrors (no work tree needed):
//   /work/.mirror/kubernetes+api/repo          k8s.io/api
//   /work/.mirror/kubernetes+apimachinery/repo k8s.io/apimachinery
// Field numbers and wire types come from each package's generated.proto; JSON names, omitempty,
// pointers and embedding come from the Go struct tags in the same package.
//
// Usage: node build/proto/gen-k8s-wire-schema.mjs [--api DIR] [--apimachinery DIR] [--out FILE]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}
const root = path.resolve(import.meta.dirname, '..', '..');
const repos = {
  api: option('--api', '/work/.mirror/kubernetes+api/repo'),
  apimachinery: option('--apimachinery', '/work/.mirror/kubernetes+apimachinery/repo'),
};
const outFile = option('--out', path.join(root, 'src-main/kube/protobuf/wire-schema-data.ts'));

const API_GROUP_VERSIONS = [
  'core/v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'policy/v1', 'rbac/v1',
  'networking/v1', 'storage/v1', 'coordination/v1', 'scheduling/v1', 'certificates/v1', 'events/v1',
  'discovery/v1', 'authorization/v1', 'authentication/v1',
];
/** Go import path → [repo, directory]. */
const PACKAGES = new Map([
  ...API_GROUP_VERSIONS.map((gv) => [`k8s.io/api/${gv}`, ['api', gv]]),
  ['k8s.io/apimachinery/pkg/apis/meta/v1', ['apimachinery', 'pkg/apis/meta/v1']],
  ['k8s.io/apimachinery/pkg/api/resource', ['apimachinery', 'pkg/api/resource']],
  ['k8s.io/apimachinery/pkg/util/intstr', ['apimachinery', 'pkg/util/intstr']],
  ['k8s.io/apimachinery/pkg/runtime', ['apimachinery', 'pkg/runtime']],
  ['k8s.io/apimachinery/pkg/runtime/schema', ['apimachinery', 'pkg/runtime/schema']],
]);

/** Messages whose Go type has its own protobuf and JSON code; the decoder knows them by name. */
const SPECIAL = new Set([
  'meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'meta.v1.FieldsV1', 'meta.v1.Timestamp',
  'api.resource.Quantity', 'api.resource.QuantityValue', 'util.intstr.IntOrString',
  'runtime.RawExtension', 'runtime.Unknown', 'runtime.TypeMeta',
]);

// Field flags, as stored in the schema.
const POINTER = 1; // keep in step with src-main/kube/protobuf/wire-schema.ts
const OMITEMPTY = 2;
const REPEATED = 4;
const INLINE = 8;

const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'double', 'float', 'bytes']);

function git(repo, ...argv) {
  return execFileSync('git', ['-C', repos[repo], ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** `k8s.io.api.apps.v1` → `apps.v1`; `k8s.io.apimachinery.pkg.apis.meta.v1` → `meta.v1`. */
function shortPackage(protoPackage) {
  return protoPackage
    .replace(/^k8s\.io\.api\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\.apis\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\./, '');
}

/** Messages of one generated.proto: name → { number → { type, repeated } }. */
function parseProto(text, pkgShort) {
  const messages = new Map();
  let current;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    let m;
    if ((m = /^message (\w+) \{$/.exec(line))) {
      current = new Map();
      messages.set(m[1], current);
    } else if (line === '}') {
      current = undefined;
    } else if (current && (m = /^map<(\S+), (\S+)> (\w+) = (\d+);$/.exec(line))) {
      current.set(Number(m[4]), { type: `map<${resolveProtoType(m[1], pkgShort)},${resolveProtoType(m[2], pkgShort)}>`, repeated: false });
    } else if (current && (m = /^(optional|repeated|required) (\S+) (\w+) = (\d+);$/.exec(line))) {
      current.set(Number(m[4]), { type: resolveProtoType(m[2], pkgShort), repeated: m[1] === 'repeated' });
    } else if (current && line !== '' && !line.startsWith('option ')) {
      throw new Error(`unparsed proto line in ${pkgShort}: ${raw}`);
    }
  }
  return messages;
}

function resolveProtoType(type, pkgShort) {
  if (SCALARS.has(type)) return type;
  if (type.startsWith('.')) {
    const parts = type.slice(1).split('.');
    const name = parts.pop();
    return `${shortPackage(parts.join('.'))}.${name}`;
  }
  return `${pkgShort}.${type}`;
}

/** Strips Go comments, keeping string and raw-string contents (struct tags live in raw strings). */
function stripGoComments(src) {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '`' || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += c === '"' && src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Go declarations of one package: structs (ordered fields) and named slice types. */
function parseGoPackage(repo, dir) {
  const structs = new Map();
  const namedSlices = new Map();
  let groupName;
  const files = git(repo, 'ls-tree', '--name-only', 'HEAD', `${dir}/`).split('\n')
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !/(^|\/)(zz_generated|generated\.pb|types_swagger_doc)/.test(f));
  for (const file of files) {
    const src = stripGoComments(git(repo, 'show', `HEAD:${file}`));
    const gn = /\bconst GroupName\s*=\s*"([^"]*)"/.exec(src);
    if (gn) groupName = gn[1];
    for (const m of src.matchAll(/^type (\w+) \[\](\S+)\s*$/gm)) namedSlices.set(m[1], m[2]);
    for (const m of src.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) structs.set(m[1], parseStructBody(m[2]));
  }
  return { structs, namedSlices, groupName };
}

function parseStructBody(body) {
  const fields = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(?:(\w+)\s+)?([^\s`]+)\s*(?:`([^`]*)`)?$/.exec(line);
    if (!m) {
      // Only API structs must parse; helper structs elsewhere in the package may not.
      fields.push({ unparsed: raw });
      continue;
    }
    const [, name, goType, tags = ''] = m;
    const tag = (key) => new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tags)?.[1];
    fields.push({ name: name ?? goType.replace(/^\*/, '').replace(/^\w+\./, ''), embedded: !name, goType, json: tag('json'), protobuf: tag('protobuf') });
  }
  return fields;
}

/** One schema field: [number, jsonName, type, flags]. TypeMeta becomes [0, "", "TypeMeta", INLINE]. */
function schemaFields(qualified, goFields, protoFields, warnings) {
  const out = [];
  for (const f of goFields) {
    if (f.unparsed) throw new Error(`${qualified}: unparsed Go struct line: ${f.unparsed}`);
    const [jsonName = '', ...opts] = (f.json ?? '').split(',');
    if (jsonName === '-') continue;
    if (f.embedded && /^(metav1\.)?TypeMeta$/.test(f.goType) && !f.protobuf) {
      out.push([0, '', 'TypeMeta', INLINE]);
      continue;
    }
    if (!f.protobuf) {
      warnings.push(`${qualified}.${f.name}: no protobuf tag, left out`);
      continue;
    }
    const number = Number(f.protobuf.split(',')[1]);
    const proto = protoFields.get(number);
    if (!proto) throw new Error(`${qualified}.${f.name}: field ${number} missing from generated.proto`);
    let flags = 0;
    if (f.goType.startsWith('*')) flags |= POINTER;
    if (opts.includes('omitempty')) flags |= OMITEMPTY;
    if (proto.repeated) flags |= REPEATED;
    if (f.embedded && jsonName === '') flags |= INLINE;
    out.push([number, jsonName === '' && !(flags & INLINE) ? f.name : jsonName, proto.type, flags]);
  }
  return out;
}

/** Adds one package's messages (and, for served packages, its kinds) to the schema. */
function addPackage(importPath, [repo, dir], served, schema) {
  const pkgShort = shortPackage(importPath.replaceAll('/', '.'));
  const proto = parseProto(git(repo, 'show', `HEAD:${dir}/generated.proto`), pkgShort);
  const go = parseGoPackage(repo, dir);
  const version = dir.split('/').pop();
  const apiVersion = go.groupName ? `${go.groupName}/${version}` : version;
  for (const [name, protoFields] of proto) {
    const qualified = `${pkgShort}.${name}`;
    if (SPECIAL.has(qualified)) continue;
    const struct = go.structs.get(name);
    if (struct) {
      schema.messages[qualified] = schemaFields(qualified, struct, protoFields, schema.warnings);
      if (served && schema.messages[qualified].some((f) => f[2] === 'TypeMeta') && go.groupName !== undefined) {
        (schema.kinds[apiVersion] ??= {})[name] = qualified;
      }
    } else if (go.namedSlices.has(name) && protoFields.get(1)?.repeated) {
      schema.lists[qualified] = protoFields.get(1).type;
    } else {
      schema.warnings.push(`${qualified}: no Go struct or named slice, left out`);
    }
  }
}

/** Message types fields refer to that the schema does not have yet. */
function missingTypes(schema) {
  const missing = new Set();
  for (const fields of Object.values(schema.messages)) {
    for (const [, , type] of fields) {
      const parts = /^map<([^,]+),(.+)>$/.exec(type)?.slice(1) ?? [type];
      for (const t of parts) {
        if (t !== 'TypeMeta' && !SCALARS.has(t) && !SPECIAL.has(t) && !schema.messages[t] && !schema.lists[t]) missing.add(t);
      }
    }
  }
  return missing;
}

/** Drops messages of unserved packages that no served message reaches. */
function pruneUnreached(schema, roots) {
  const reached = new Set();
  const visit = (type) => {
    if (reached.has(type) || !schema.messages[type]) return;
    reached.add(type);
    for (const [, , t] of schema.messages[type]) (/^map<([^,]+),(.+)>$/.exec(t)?.slice(1) ?? [t]).forEach(visit);
  };
  roots.forEach(visit);
  for (const type of Object.keys(schema.messages)) if (!reached.has(type)) delete schema.messages[type];
}

function main() {
  const schema = { messages: {}, lists: {}, kinds: {}, warnings: [] };
  for (const [importPath, location] of PACKAGES) addPackage(importPath, location, true, schema);
  const served = Object.keys(schema.messages);
  // Served types may embed types of API packages that are not served themselves (alpha fields,
  // for instance); pull those packages in too, without registering their kinds.
  const loaded = new Set(PACKAGES.keys());
  for (let missing = missingTypes(schema); missing.size > 0; missing = missingTypes(schema)) {
    const packages = new Set([...missing].map((t) => t.slice(0, t.lastIndexOf('.'))));
    const added = [...packages].map((p) => `k8s.io/api/${p.replaceAll('.', '/')}`).filter((p) => !loaded.has(p));
    if (added.length === 0) throw new Error(`unresolved types: ${[...missing].join(', ')}`);
    for (const importPath of added) {
      loaded.add(importPath);
      addPackage(importPath, ['api', importPath.slice('k8s.io/api/'.length)], false, schema);
    }
  }
  pruneUnreached(schema, served);
  const { messages, lists, kinds, warnings } = schema;
  const header = [
    '// Generated by build/proto/gen-k8s-wire-schema.mjs from the generated.proto field numbers and Go',
    `// struct tags of k8s.io/api ${git('api', 'rev-parse', 'HEAD').trim()}`,
    `// and k8s.io/apimachinery ${git('apimachinery', 'rev-parse', 'HEAD').trim()}.`,
    '// Do not edit: rerun `node build/proto/gen-k8s-wire-schema.mjs` to regenerate.',
    '// Field: [number, jsonName, type, flags]; flags: 1 pointer, 2 omitempty, 4 repeated, 8 inline.',
  ].join('\n');
  // One message per line keeps diffs readable without pretty-printing every field.
  const messageLines = Object.entries(messages).map(([m, f]) => `    ${JSON.stringify(m)}: ${JSON.stringify(f)},`);
  const text = [
    header,
    "import type { WireSchema } from './wire-schema';",
    '',
    'export const WIRE_SCHEMA: WireSchema = {',
    `  kinds: ${JSON.stringify(kinds)},`,
    `  lists: ${JSON.stringify(lists)},`,
    '  messages: {',
    ...messageLines,
    '  },',
    '};',
    '',
  ].join('\n');
  writeFileSync(outFile, text);
  for (const w of warnings) console.warn(`warning: ${w}`);
  console.log(`wrote ${outFile}: ${Object.keys(messages).length} messages, ${Object.keys(lists).length} list types`);
}

main();
