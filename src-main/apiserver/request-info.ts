/**
 * Parses a request path into what it addresses, the way kube-apiserver's RequestInfoFactory does:
 *   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /apis/{group}/{version}/{resource}/{name}
 * and maps the HTTP method (plus ?watch) to the Kubernetes verb.
 */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length === 0 || (segments[0] !== 'api' && segments[0] !== 'apis')) return info;
  info.apiPrefix = segments[0];
  let rest = segments.slice(1);
  if (info.apiPrefix === 'apis') {
    if (rest.length < 1) return info;
    info.apiGroup = rest[0];
    rest = rest.slice(1);
  }
  if (rest.length < 1) return info;
  info.apiVersion = rest[0];
  rest = rest.slice(1);
  if (rest.length === 0) return info;
  info.isResourceRequest = true;

  switch (method) {
    case 'POST':
      info.verb = 'create';
      break;
    case 'GET':
    case 'HEAD':
      info.verb = 'get';
      break;
    case 'PUT':
      info.verb = 'update';
      break;
    case 'PATCH':
      info.verb = 'patch';
      break;
    case 'DELETE':
      info.verb = 'delete';
      break;
    default:
      info.verb = '';
  }

  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      info.namespace = decodeURIComponent(rest[1]);
      // /namespaces/{name}/status and /finalize address the namespace object itself.
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
    }
  }
  info.parts = rest.map((p) => decodeURIComponent(p));
  if (info.parts.length >= 3) info.subresource = info.parts[2];
  if (info.parts.length >= 2) info.name = info.parts[1];
  if (info.parts.length >= 1) info.resource = info.parts[0];
  // A namespace request (/api/v1/namespaces/foo) names the namespace object, not a scope.
  if (info.resource === 'namespaces') info.namespace = '';

  const watch = query.get('watch');
  if (info.verb === 'get' && info.name === '') {
    info.verb = watch === 'true' || watch === '1' ? 'watch' : 'list';
  }
  if (info.verb === 'delete' && info.name === '') info.verb = 'deletecollection';
  return info;
}
