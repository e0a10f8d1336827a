import { describe, expect, it } from 'vitest';
import { FieldPath, invalid as fieldInvalid, notSupported, required, tooLong } from './field-error';
import * as errors from './status';

describe('Status bodies', () => {
  it('notFound, core and grouped', () => {
    expect(JSON.stringify(errors.notFound({ group: '', resource: 'pods' }, 'x').status)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}',
    );
    expect(errors.notFound({ group: 'apps', resource: 'deployments' }, 'web').status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" not found',
      reason: 'NotFound',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('alreadyExists and conflict', () => {
    expect(errors.alreadyExists({ group: '', resource: 'pods' }, 'demo').status).toMatchObject({
      message: 'pods "demo" already exists',
      reason: 'AlreadyExists',
      code: 409,
    });
    expect(errors.conflict({ group: '', resource: 'pods' }, 'x').status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'x', kind: 'pods' },
      code: 409,
    });
  });

  it('invalid with one cause', () => {
    const e = errors.invalid({ group: '', kind: 'Pod' }, 'x', [required(FieldPath.root('spec', 'containers').index(0).child('image'))]);
    expect(JSON.stringify(e.status)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \\"x\\" is invalid: spec.containers[0].image: Required value","reason":"Invalid","details":{"name":"x","kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]},"code":422}',
    );
  });

  it('invalid with several causes lists them in brackets', () => {
    const e = errors.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [
      required(FieldPath.root('spec', 'selector')),
      fieldInvalid('spec.template.metadata.labels', { app: 'web' }, '`selector` does not match template `labels`'),
    ]);
    expect(e.status.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(e.status.details).toEqual({
      name: 'web',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
          field: 'spec.template.metadata.labels',
        },
      ],
    });
  });

  it('invalid drops duplicate messages from the text but keeps every cause', () => {
    const r = required('metadata.name', 'name or generateName is required');
    const e = errors.invalid({ group: '', kind: 'Pod' }, '', [r, r]);
    expect(e.status.message).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(e.status.details?.causes).toHaveLength(2);
  });

  it('invalid without errors', () => {
    expect(errors.invalid({ group: '', kind: 'Pod' }, 'p', []).status.message).toBe('Pod "p" is invalid');
  });

  it('the other builders', () => {
    const cases: [errors.StatusError, Partial<errors.Status>][] = [
      [errors.badRequest('nope'), { message: 'nope', reason: 'BadRequest', code: 400 }],
      [errors.unauthorized(), { message: 'not authorized', reason: 'Unauthorized', code: 401 }],
      [
        errors.forbidden({ group: '', resource: 'pods' }, 'x', 'User "jane" cannot get resource "pods" in API group "" in the namespace "default"'),
        { message: 'pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"', reason: 'Forbidden', code: 403 },
      ],
      [errors.forbidden({ group: '', resource: 'pods' }, '', 'no'), { message: 'pods is forbidden: no' }],
      [errors.notFoundMessage(), { message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }],
      [
        errors.methodNotSupported({ group: '', resource: 'nodes/proxy' }, 'delete'),
        { message: 'delete is not supported on resources of kind "nodes/proxy"', reason: 'MethodNotAllowed', details: { kind: 'nodes/proxy' }, code: 405 },
      ],
      [errors.notAcceptable(), { message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf', reason: 'NotAcceptable', code: 406 }],
      [errors.gone('gone'), { reason: 'Gone', code: 410 }],
      [errors.expired('too old resource version: 5 (1007)'), { message: 'too old resource version: 5 (1007)', reason: 'Expired', code: 410 }],
      [errors.requestEntityTooLarge('limit is 3145728'), { message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 }],
      [
        errors.unsupportedMediaType('text/plain', ['application/json', 'application/yaml']),
        { message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml', reason: 'UnsupportedMediaType', code: 415 },
      ],
      [errors.invalidMessage('the server rejected our request due to an error in our request'), { reason: 'Invalid', code: 422, details: {} }],
      [errors.tooManyRequests('slow down', 1), { message: 'slow down', reason: 'TooManyRequests', details: { retryAfterSeconds: 1 }, code: 429 }],
      [errors.internalError(new Error('boom')), { message: 'Internal error occurred: boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 }],
      [errors.timeout('too slow', 2), { message: 'Timeout: too slow', reason: 'Timeout', details: { retryAfterSeconds: 2 }, code: 504 }],
      [
        errors.tooLargeResourceVersion(10, 5, 1),
        {
          message: 'Timeout: Too large resource version: 10, current: 5',
          details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
          code: 504,
        },
      ],
      [errors.serviceUnavailable('down'), { reason: 'ServiceUnavailable', code: 503 }],
      [
        errors.genericServerResponse(404, 'GET', { group: '', resource: 'pods' }, 'nope', ''),
        { message: 'the server could not find the requested resource (get pods nope)', reason: 'NotFound', code: 404 },
      ],
    ];
    for (const [e, expected] of cases) expect(e.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...expected });
  });

  it('statusFromError wraps plain errors as upstream does', () => {
    expect(errors.statusFromError(new Error('boom'))).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'boom', code: 500 });
    const nf = errors.notFound({ group: '', resource: 'pods' }, 'x');
    expect(errors.statusFromError(nf)).toEqual(nf.status);
    expect(errors.hasReason(nf, 'NotFound')).toBe(true);
  });

  it('successStatus', () => {
    expect(errors.successStatus({ name: 'x', group: 'apps', kind: 'deployments', uid: 'u' })).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'x', group: 'apps', kind: 'deployments', uid: 'u' },
    });
  });
});

describe('field errors render like field.Error', () => {
  it('values are printed Go-style', () => {
    const msg = (e: Parameters<typeof errors.invalid>[2][number]) => errors.invalid({ group: '', kind: 'Pod' }, 'p', [e]).status.message;
    expect(msg(fieldInvalid('metadata.name', 'Bad_Name', 'x'))).toBe('Pod "p" is invalid: metadata.name: Invalid value: "Bad_Name": x');
    expect(msg(fieldInvalid('spec.replicas', -1, 'must be greater than or equal to 0'))).toBe('Pod "p" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(msg(fieldInvalid('a', ['x', 'y'], 'd'))).toBe('Pod "p" is invalid: a: Invalid value: []string{"x", "y"}: d');
    expect(msg(fieldInvalid('a', null, 'd'))).toBe('Pod "p" is invalid: a: Invalid value: "null": d');
    expect(msg(fieldInvalid('a', true, 'd'))).toBe('Pod "p" is invalid: a: Invalid value: true: d');
    expect(msg(notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']))).toBe(
      'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(msg(tooLong('metadata.annotations', 262144))).toBe('Pod "p" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes');
    expect(msg(fieldInvalid('a', 'tab\there "q"', 'd'))).toBe('Pod "p" is invalid: a: Invalid value: "tab\\there \\"q\\"": d');
  });
});
