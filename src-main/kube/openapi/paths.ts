/**
 * The `paths` of a group-version's OpenAPI v3 document: per resource the collection (list,
 * create) and item (read, replace, patch, delete) operations, with kube's operation ids, GVK
 * extensions and query parameters. kubectl's client-side checks look for the `patch` operation
 * with a `fieldValidation` parameter.
 */
import type { ResourceType } from '../resource-type';
import { kindSchemaName } from './schemas';
import type { Schema } from './schema-builders';

function schemaRef(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

function queryParam(name: string, description: string, type: 'string' | 'boolean' | 'integer' = 'string'): Schema {
  const schema: Schema = type === 'integer' ? { type, uniqueItems: true } : { type, uniqueItems: true };
  return { name, in: 'query', description, schema };
}

const DRY_RUN = queryParam('dryRun', 'When present, the change is checked but not persisted; the only value is All.');
const FIELD_MANAGER = queryParam('fieldManager', 'A name for the actor making the change, used to track field ownership.');
const FIELD_VALIDATION = queryParam(
  'fieldValidation',
  'What to do with unknown or duplicate fields in the body: Ignore, Warn (the default) or Strict.',
);
const FORCE = queryParam('force', 'For apply requests: take over fields other managers own.', 'boolean');
const PRETTY = queryParam('pretty', 'Indent the output.');

const LIST_PARAMS = [
  queryParam('allowWatchBookmarks', 'Ask for BOOKMARK watch events.', 'boolean'),
  queryParam('continue', 'The token of the next page, from a previous paged list.'),
  queryParam('fieldSelector', 'Restrict the result by fields, e.g. metadata.name=web.'),
  queryParam('labelSelector', 'Restrict the result by labels, e.g. app=web.'),
  queryParam('limit', 'The most items to return in one page.', 'integer'),
  queryParam('resourceVersion', 'The store version to read at, or to watch from.'),
  queryParam('resourceVersionMatch', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  queryParam('sendInitialEvents', 'Start a watch with synthetic events for the current state.', 'boolean'),
  queryParam('timeoutSeconds', 'End a list or watch after this many seconds.', 'integer'),
  queryParam('watch', 'Watch for changes instead of listing.', 'boolean'),
];

function pathParam(name: string, description: string): Schema {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

function jsonContent(schema: Schema): Schema {
  const content: Schema = {};
  for (const type of ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']) content[type] = { schema };
  return content;
}

function pascal(s: string): string {
  return s
    .split(/[.-]/)
    .filter((p) => p !== '')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

/** The operation-id infix of a group-version: `CoreV1`, `AppsV1`, ... */
function groupVersionId(rt: ResourceType): string {
  const group = rt.group === '' ? 'Core' : pascal(rt.group.replace(/\.k8s\.io$/, ''));
  return group + pascal(rt.version);
}

function tagOf(rt: ResourceType): string {
  return `${rt.group === '' ? 'core' : rt.group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')}_${rt.version}`;
}

function operation(rt: ResourceType, verb: string, idVerb: string, action: string, extra: Schema): Schema {
  return {
    tags: [tagOf(rt)],
    description: `${verb} ${rt.kind}`,
    operationId: `${idVerb}${groupVersionId(rt)}${rt.namespaced ? 'Namespaced' : ''}${rt.kind}`,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: rt.group, version: rt.version, kind: rt.kind },
  };
}

function ok(schemaName: string, codes: string[]): Schema {
  const responses: Schema = {};
  const names: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
  for (const code of codes) responses[code] = { description: names[code], content: jsonContent(schemaRef(schemaName)) };
  responses['401'] = { description: 'Unauthorized' };
  return responses;
}

/** The paths of one resource. */
export function resourcePaths(rt: ResourceType): Record<string, Schema> {
  const base = rt.group === '' ? `/api/${rt.version}` : `/apis/${rt.group}/${rt.version}`;
  const collection = `${base}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}`;
  const kindSchema = kindSchemaName(rt.group, rt.version, rt.kind);
  const listSchema = kindSchemaName(rt.group, rt.version, rt.listKind);
  const scopeParams = rt.namespaced ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const body = { content: jsonContent(schemaRef(kindSchema)), required: true };
  const patchBody: Schema = { content: {}, required: true };
  for (const type of ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']) {
    (patchBody.content as Schema)[type] = { schema: schemaRef('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') };
  }
  return {
    [collection]: {
      get: operation(rt, 'list or watch objects of kind', 'list', 'list', { parameters: LIST_PARAMS, responses: ok(listSchema, ['200']) }),
      post: operation(rt, 'create a', 'create', 'post', {
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
        requestBody: body,
        responses: ok(kindSchema, ['200', '201', '202']),
      }),
      parameters: [...scopeParams, PRETTY],
    },
    [`${collection}/{name}`]: {
      get: operation(rt, 'read the specified', 'read', 'get', { responses: ok(kindSchema, ['200']) }),
      put: operation(rt, 'replace the specified', 'replace', 'put', {
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
        requestBody: body,
        responses: ok(kindSchema, ['200', '201']),
      }),
      delete: operation(rt, 'delete a', 'delete', 'delete', {
        parameters: [DRY_RUN, queryParam('gracePeriodSeconds', 'Seconds before the object is deleted; 0 deletes at once.', 'integer'), queryParam('propagationPolicy', 'Orphan, Background or Foreground.')],
        responses: ok(kindSchema, ['200', '202']),
      }),
      patch: operation(rt, 'partially update the specified', 'patch', 'patch', {
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE],
        requestBody: patchBody,
        responses: ok(kindSchema, ['200', '201']),
      }),
      parameters: [pathParam('name', `name of the ${rt.kind}`), ...scopeParams, PRETTY],
    },
  };
}
