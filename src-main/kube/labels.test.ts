import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  formatLabels,
  labelSelectorFromMeta,
  matchLabels,
  parseLabelSelector,
  parseLabelSelectorOrThrow,
  selectorString,
} from './labels';
import { StatusError } from './status';

describe('parseLabelSelector', () => {
  const ok: [string, string][] = [
    ['', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a==b'],
    ['a!=b', 'a!=b'],
    ['a', 'a'],
    ['!a', '!a'],
    ['  a = b ', 'a=b'],
    ['b=2,a=1', 'a=1,b=2'],
    ['env in (prod, qa)', 'env in (prod,qa)'],
    ['env notin (qa,prod)', 'env notin (prod,qa)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['a=', 'a='],
    ['a in (in)', 'a in (in)'],
    ['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
    ['a>1', 'a>1'],
    ['a<10', 'a<10'],
  ];
  it.each(ok)('parses %j as %j', (input, expected) => {
    expect(selectorString(parseLabelSelector(input))).toBe(expected);
  });

  const bad: [string, string][] = [
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a=b@', 'unable to parse requirement: values[0][a]: Invalid value: "b@": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')'],
    [
      'a/b/c=x',
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    ['a>b', 'unable to parse requirement: values[0]: Invalid value: "b": for \'Gt\', \'Lt\' operators, the value must be an integer'],
  ];
  it.each(bad)('rejects %j with upstream text', (input, message) => {
    expect(() => parseLabelSelectorOrThrow(input)).toThrow(message);
  });

  it('answers a bad selector with a 400 BadRequest Status', () => {
    let caught: unknown;
    try {
      parseLabelSelector('a b');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StatusError);
    expect((caught as StatusError).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
      reason: 'BadRequest',
      code: 400,
    });
  });
});

describe('matchLabels', () => {
  const labels = { app: 'web', tier: 'front', replicas: '3' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['replicas>2', true],
    ['replicas<2', false],
    ['missing>1', false],
  ];
  it.each(cases)('%j → %s', (sel, expected) => {
    expect(matchLabels(parseLabelSelector(sel), labels)).toBe(expected);
  });
});

describe('metav1.LabelSelector', () => {
  it('nil matches nothing and empty matches everything', () => {
    expect(matchLabels(labelSelectorFromMeta(undefined), { a: 'b' })).toBe(false);
    expect(matchLabels(labelSelectorFromMeta({}), { a: 'b' })).toBe(true);
  });

  it('converts matchLabels and matchExpressions, sorted by key', () => {
    const sel = labelSelectorFromMeta({
      matchLabels: { tier: 'front', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['qa', 'prod'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
      ],
    });
    expect(selectorString(sel)).toBe('app=web,env in (prod,qa),!legacy,tier=front,zone');
    expect(matchLabels(sel, { app: 'web', tier: 'front', env: 'qa', zone: 'a' })).toBe(true);
    expect(matchLabels(sel, { app: 'web', tier: 'front', env: 'qa', zone: 'a', legacy: '1' })).toBe(false);
  });

  it('formats as printers do', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });
});
