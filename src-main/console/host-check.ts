/**
 * DNS-rebinding and cross-site defence. The console server listens on loopback, but a web page on
 * any site can make the browser send requests to 127.0.0.1 (or to a name it re-points there). So
 * the Host header must name the loopback address and our port, and an Origin header, when the
 * browser sends one, must be our own origin. Checked for HTTP requests and WebSocket upgrades.
 */
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** Why the request is refused (for a 403), or undefined when its Host and Origin are ours. */
export function hostProblem(req: IncomingMessage, port: number): string | undefined {
  const hosts = allowedHosts(port);
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return `Host "${req.headers.host ?? ''}" is not allowed; open the console at http://127.0.0.1:${port}/`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return `requests from origin "${origin}" are not allowed`;
  }
  return undefined;
}
