/** core/v1 events: discovery data, the printer (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, ...), fields. */
import type { KubeObject } from '../object';
import { numberAt, objectAt, parseTime, stringAt } from '../object';
import { ALL_VERBS, objectMetaFields, type ResourceType } from '../resource-type';
import { column, timestampSince } from '../table';

function eventRow(ev: KubeObject, now: number): unknown[] {
  const first = parseTime(ev.firstTimestamp) !== undefined ? timestampSince(ev.firstTimestamp, now) : timestampSince(ev.eventTime, now);
  let last = parseTime(ev.lastTimestamp) !== undefined ? timestampSince(ev.lastTimestamp, now) : first;
  let count = numberAt(ev, 'count') ?? 0;
  const series = objectAt(ev, 'series');
  if (series) {
    last = timestampSince(series.lastObservedTime, now);
    count = numberAt(series, 'count') ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const involved = objectAt(ev, 'involvedObject');
  const kind = stringAt(involved, 'kind').toLowerCase();
  const name = stringAt(involved, 'name');
  const source = objectAt(ev, 'source');
  const component = stringAt(source, 'component') || stringAt(ev, 'reportingComponent');
  const instance = stringAt(source, 'host') || stringAt(ev, 'reportingInstance');
  return [
    last,
    stringAt(ev, 'type'),
    stringAt(ev, 'reason'),
    name ? `${kind}/${name}` : kind,
    stringAt(involved, 'fieldPath'),
    instance ? `${component}, ${instance}` : component,
    stringAt(ev, 'message').trim(),
    first,
    count,
    ev.metadata.name ?? '',
  ];
}

function eventFields(ev: KubeObject): Record<string, string> {
  const involved = objectAt(ev, 'involvedObject');
  const source = stringAt(objectAt(ev, 'source'), 'component') || stringAt(ev, 'reportingComponent');
  return {
    ...objectMetaFields(ev, true),
    'involvedObject.kind': stringAt(involved, 'kind'),
    'involvedObject.namespace': stringAt(involved, 'namespace'),
    'involvedObject.name': stringAt(involved, 'name'),
    'involvedObject.uid': stringAt(involved, 'uid'),
    'involvedObject.apiVersion': stringAt(involved, 'apiVersion'),
    'involvedObject.resourceVersion': stringAt(involved, 'resourceVersion'),
    'involvedObject.fieldPath': stringAt(involved, 'fieldPath'),
    reason: stringAt(ev, 'reason'),
    reportingComponent: stringAt(ev, 'reportingComponent'),
    source,
    type: stringAt(ev, 'type'),
  };
}

export const EVENTS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'events',
  columns: [
    column('Last Seen', 'string', 'How long ago the event was last seen.'),
    column('Type', 'string', 'Normal or Warning.'),
    column('Reason', 'string', 'A short, machine-friendly word for why the event happened.'),
    column('Object', 'string', 'The object the event is about, as kind/name.'),
    column('Subobject', 'string', 'Which part of the object, e.g. a container of a pod.', 1),
    column('Source', 'string', 'The component (and host) that reported the event.', 1),
    column('Message', 'string', 'What happened, for people.'),
    column('First Seen', 'string', 'How long ago the event was first seen.', 1),
    column('Count', 'string', 'How many times the event has happened.', 1),
    column('Name', 'string', 'The name of the event object.', 1, 'name'),
  ],
  row: eventRow,
  fields: eventFields,
  fieldLabels: {
    supported: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ],
    custom: true,
  },
};
