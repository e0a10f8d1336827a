/**
 * The per-launch secret. The URL the launcher prints carries it once as `?token=`; the server
 * trades it for an HttpOnly, SameSite=Strict cookie and redirects to the same URL without it, so
 * the secret leaves the address bar and history. Later requests carry the cookie, or (scripts)
 * `Authorization: Bearer <token>`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_QUERY_PARAM } from '../common/console-api';

export type AuthDecision =
  | { kind: 'ok' }
  /** A valid token in the query: set the cookie and send the browser to `location`. */
  | { kind: 'redirect'; location: string; setCookie: string }
  | { kind: 'unauthorized' };

export interface ConsoleAuth {
  readonly token: string;
  /** The request target is split by the caller (see splitTarget); upgrades never redirect. */
  check(req: IncomingMessage, target: RequestTarget, opts?: { upgrade?: boolean }): AuthDecision;
}

export interface RequestTarget {
  /** Path, with any run of leading slashes or backslashes collapsed to one `/` (never `//host`). */
  pathname: string;
  query: URLSearchParams;
  /** The whole request target as sent (query bytes untouched), leading slashes collapsed. */
  raw: string;
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Splits a request target without URL resolution (`//evil/x` must stay a path, not a host). */
export function splitTarget(rawUrl: string | undefined): RequestTarget | undefined {
  if (!rawUrl || !rawUrl.startsWith('/')) return undefined;
  const q = rawUrl.indexOf('?');
  // Browsers read `/\host` like `//host`: collapse backslashes too.
  const collapse = (s: string): string => s.replace(/^[/\\]+/, '/');
  const pathname = collapse(q < 0 ? rawUrl : rawUrl.slice(0, q));
  return { pathname, query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)), raw: collapse(rawUrl) };
}

/** The request target without the token parameter (as sent when there is none). */
export function withoutToken(target: RequestTarget): string {
  if (!target.query.has(TOKEN_QUERY_PARAM)) return target.raw;
  const rest = new URLSearchParams(target.query);
  rest.delete(TOKEN_QUERY_PARAM);
  const search = rest.toString();
  return `${target.pathname}${search ? `?${search}` : ''}`;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Every value of the named cookie (a browser may send several under different paths). */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      out.push(decodeURIComponent(value));
    } catch {
      // malformed percent-encoding: not our token
    }
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

export function createAuth(token: string = generateToken()): ConsoleAuth {
  if (token.length < 16) throw new Error('the console token must be at least 16 characters');
  const expected = digest(token);
  const matches = (candidate: string | undefined): boolean => candidate !== undefined && timingSafeEqual(digest(candidate), expected);

  return {
    token,
    check(req, target, opts = {}) {
      const fromQuery = target.query.get(TOKEN_QUERY_PARAM);
      if (fromQuery !== null && matches(fromQuery)) {
        const method = req.method ?? 'GET';
        if (opts.upgrade || (method !== 'GET' && method !== 'HEAD')) return { kind: 'ok' };
        return {
          kind: 'redirect',
          location: withoutToken(target),
          setCookie: `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        };
      }
      if (cookieValues(req.headers.cookie, TOKEN_COOKIE).some(matches)) return { kind: 'ok' };
      if (matches(bearer(req.headers.authorization))) return { kind: 'ok' };
      return { kind: 'unauthorized' };
    },
  };
}
