/** Schemas of apimachinery types: ObjectMeta and friends, Time, Quantity, IntOrString, LabelSelector. */
import {
  boolean, freeform, int64, object, ref, refList, string, stringList, stringMap, time, INT_OR_STRING, QUANTITY, type Schema,
} from './schema-builders';

export const META_SCHEMAS: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': object('Metadata every persisted object has: its name, namespace, labels, annotations and server-set bookkeeping.', {
    annotations: stringMap('Free-form key/value data tools attach to the object; not used for selection.'),
    creationTimestamp: time('When the server created the object (UTC, RFC 3339). Read-only.'),
    deletionGracePeriodSeconds: int64('Seconds the object is allowed to take to terminate gracefully once deletion was requested. Read-only.'),
    deletionTimestamp: time('When the object will be deleted; set by the server when deletion is requested. Read-only.'),
    finalizers: stringList('Conditions that must be cleared before the object is removed from storage.', { listType: 'set', strategy: 'merge' }),
    generateName: string('A prefix the server uses to make a unique name when `name` is not given.'),
    generation: int64('A number the server increments whenever the desired state changes. Read-only.'),
    labels: stringMap('Key/value pairs that selectors match, e.g. app=web.'),
    managedFields: refList('meta.ManagedFieldsEntry', 'Which field managers own which fields (server-side apply bookkeeping).', { listType: 'atomic' }),
    name: string('The name, unique within a namespace. Required when creating, unless generateName is set; cannot be changed.'),
    namespace: string('The namespace the object lives in; empty for cluster-scoped kinds.'),
    ownerReferences: refList('meta.OwnerReference', 'Objects this one depends on; it is garbage-collected when they are gone.', {
      listType: 'map',
      mapKeys: ['uid'],
      mergeKey: 'uid',
      strategy: 'merge',
    }),
    resourceVersion: string('An opaque version the server changes on every write; used for optimistic concurrency and watches. Read-only.'),
    selfLink: string('Deprecated and always empty.'),
    uid: string('A unique id the server assigns on create. Read-only.'),
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': object(
    'A reference to an owning object in the same namespace.',
    {
      apiVersion: string('API version of the owner.'),
      blockOwnerDeletion: boolean('If true, the owner cannot be deleted (foreground) before this object is.'),
      controller: boolean('If true, the owner is the managing controller.'),
      kind: string('Kind of the owner.'),
      name: string('Name of the owner.'),
      uid: string('UID of the owner.'),
    },
    { required: ['apiVersion', 'kind', 'name', 'uid'], mapType: 'atomic' },
  ),
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry': object('The fields one manager owns, and how it last touched them.', {
    apiVersion: string('The version of the schema the fields are described in.'),
    fieldsType: string('The format of fieldsV1; only FieldsV1.'),
    fieldsV1: ref('meta.FieldsV1', 'The set of owned fields.'),
    manager: string('The manager that owns the fields.'),
    operation: string('Apply or Update.'),
    subresource: string('The subresource used to write the fields, if any.'),
    time: time('When the entry last changed.'),
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { description: 'A set of field paths in the internal structured-merge-diff format.', type: 'object' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { description: 'A timestamp in RFC 3339 form, at second precision.', type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { description: 'A timestamp in RFC 3339 form, at microsecond precision.', type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': object('Metadata of a list response.', {
    continue: string('Token to fetch the next page, when the list was paged.'),
    remainingItemCount: int64('How many more items there are after this page, when known.'),
    resourceVersion: string('The store version the list was read at; watch from it to get later changes.'),
    selfLink: string('Deprecated and always empty.'),
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': object(
    'Selects objects by labels; all given requirements must hold. An empty selector matches everything, a missing one nothing.',
    {
      matchExpressions: refList('meta.LabelSelectorRequirement', 'Requirements on label values.', { listType: 'atomic' }),
      matchLabels: stringMap('Labels that must be present with exactly these values.'),
    },
    { mapType: 'atomic' },
  ),
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': object(
    'A requirement on one label: key, operator and values.',
    {
      key: string('The label key.'),
      operator: string('In, NotIn, Exists or DoesNotExist.'),
      values: stringList('Values for In and NotIn; must be empty for Exists and DoesNotExist.'),
    },
    { required: ['key', 'operator'] },
  ),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': object(
    'One aspect of the current state of an object.',
    {
      lastTransitionTime: time('When the condition last changed status.'),
      message: string('A human-readable explanation.'),
      observedGeneration: int64('The generation the condition was computed for.'),
      reason: string('A CamelCase word for why the condition is in its state.'),
      status: string('True, False or Unknown.'),
      type: string('The condition type, in CamelCase.'),
    },
    { required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'] },
  ),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': { description: 'A patch body; its form depends on the request Content-Type.', type: 'object' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status': object(
    'The result of an operation that does not return an object, and the body of every error.',
    {
      apiVersion: string('v1.'),
      code: { type: 'integer', format: 'int32', description: 'The HTTP status code.' },
      details: freeform('More about the failure: the object, the causes, when to retry.'),
      kind: string('Status.'),
      message: string('What went wrong, for people.'),
      metadata: { ...ref('meta.ListMeta', 'Standard list metadata.'), default: {} },
      reason: string('A machine-readable word for the failure, e.g. NotFound.'),
      status: string('Success or Failure.'),
    },
    { gvk: { group: '', version: 'v1', kind: 'Status' } },
  ),
  [QUANTITY]: {
    description: 'A fixed-point amount such as 100m, 1.5, 2Gi or 1e3: an optional sign, a number and an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent).',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  [INT_OR_STRING]: {
    description: 'Either an integer or a string, e.g. a port number or a port name, or a count or a percentage.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
};
