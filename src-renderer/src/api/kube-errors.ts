/**
 * Errors from the console server and the Kubernetes API, turned into Error objects whose message
 * a person can act on. The Kubernetes API answers with metav1.Status; the console API with
 * ConsoleError; anything else (a proxy, a crashed server) with whatever text it had.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { ConsoleError } from '../../../src-main/common/console-api';

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  constructor(
    message: string,
    /** HTTP status, or Status.code for errors delivered inside a watch stream. */
    readonly code: number,
    /** Status.reason (`NotFound`, `Forbidden`, `Expired`, …) when the server gave one. */
    readonly reason?: string,
  ) {
    super(message);
  }

  /** 410 Gone / reason Expired: the resourceVersion is too old; the caller must list again. */
  get expired(): boolean {
    return this.code === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isStatus(v: unknown): v is Status {
  return isRecord(v) && v.kind === 'Status';
}

function isConsoleError(v: unknown): v is ConsoleError {
  return isRecord(v) && typeof v.error === 'string';
}

/** The error a metav1.Status stands for (HTTP code from the response, or from the Status itself). */
export function errorFromStatus(status: Status, httpCode?: number): KubeApiError {
  const code = status.code ?? httpCode ?? 0;
  const message = status.message || status.reason || `the server answered ${code}`;
  return new KubeApiError(message, code, status.reason);
}

/** Reads a failed response's body and turns it into a KubeApiError. Never throws. */
export async function errorFromResponse(res: Response, what: string): Promise<KubeApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body could not be read; the status line below is all we have.
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isStatus(body)) return errorFromStatus(body, res.status);
  if (isConsoleError(body)) return new KubeApiError(body.error, res.status);
  const detail = text.trim().slice(0, 300);
  const line = `${res.status} ${res.statusText}`.trim();
  return new KubeApiError(`${what}: the server answered ${line}${detail ? `: ${detail}` : ''}`, res.status);
}

/** A fetch that failed before any response (server down, connection refused). */
export function networkError(what: string, cause: unknown): KubeApiError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new KubeApiError(`${what}: cannot reach the console server (${why}). Is Kubedeck still running?`, 0);
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : e instanceof Error && e.name === 'AbortError';
}
