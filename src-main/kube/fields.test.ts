import { describe, expect, it } from 'vitest';
import { convertFieldSelector, escapeValue, fieldSelectorString, matchFields, parseFieldSelector, parseFieldSelectorOrThrow } from './fields';
import { DEPLOYMENTS, NODES, PODS, SECRETS } from './registry';
import { StatusError } from './status';

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseFieldSelector', () => {
  const ok: [string, string][] = [
    ['', ''],
    ['metadata.name=web', 'metadata.name=web'],
    ['metadata.name==web', 'metadata.name=web'],
    ['status.phase!=Running', 'status.phase!=Running'],
    ['spec.nodeName=n1,metadata.name=web', 'metadata.name=web,spec.nodeName=n1'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'],
    ['metadata.name=', 'metadata.name='],
    [',metadata.name=x,', 'metadata.name=x'],
  ];
  it.each(ok)('parses %j', (input, expected) => {
    expect(fieldSelectorString(parseFieldSelector(input))).toBe(expected);
  });

  it('unescapes values', () => {
    expect(parseFieldSelectorOrThrow('a=x\\=y\\\\z').requirements[0].value).toBe('x=y\\z');
    expect(escapeValue('a,b=c\\')).toBe('a\\,b\\=c\\\\');
  });

  const bad: [string, string][] = [
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  it.each(bad)('rejects %j as a 400', (input, message) => {
    const e = statusOf(() => parseFieldSelector(input));
    expect(e.status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });
});

describe('matchFields', () => {
  it('compares values, missing fields being empty', () => {
    const fields = { 'metadata.name': 'web', 'status.phase': 'Running' };
    expect(matchFields(parseFieldSelector('metadata.name=web'), fields)).toBe(true);
    expect(matchFields(parseFieldSelector('metadata.name=db'), fields)).toBe(false);
    expect(matchFields(parseFieldSelector('status.phase!=Pending,metadata.name=web'), fields)).toBe(true);
    expect(matchFields(parseFieldSelector('spec.nodeName='), fields)).toBe(true);
  });
});

describe('convertFieldSelector', () => {
  it('accepts what the kind supports and renames aliases', () => {
    const sel = convertFieldSelector(PODS, parseFieldSelector('spec.host=n1,status.phase=Running'));
    expect(fieldSelectorString(sel)).toBe('spec.nodeName=n1,status.phase=Running');
  });

  it('answers with the kind conversion func message', () => {
    expect(statusOf(() => convertFieldSelector(PODS, parseFieldSelector('spec.foo=x'))).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'field label not supported: spec.foo',
      reason: 'BadRequest',
      code: 400,
    });
    expect(statusOf(() => convertFieldSelector(NODES, parseFieldSelector('metadata.namespace=x'))).message).toBe('field label not supported: metadata.namespace');
    expect(statusOf(() => convertFieldSelector(SECRETS, parseFieldSelector('data=x'))).message).toBe('field label not supported: data');
  });

  it('answers with the default message for kinds without a conversion func', () => {
    expect(statusOf(() => convertFieldSelector(DEPLOYMENTS, parseFieldSelector('spec.replicas=1'))).message).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('pods expose their selectable fields', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
      status: { phase: 'Running', podIP: '10.0.0.5' },
    };
    expect(PODS.fields(pod)).toEqual({
      'metadata.name': 'p',
      'metadata.namespace': 'default',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
  });
});
