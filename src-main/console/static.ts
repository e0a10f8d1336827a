/**
 * Serves the built renderer (out/renderer): index.html for `/`, files with their content types,
 * long caching for Vite's content-hashed assets and revalidation for the rest. Nothing outside
 * the folder is ever served: no `..`, no encoded separators, no symlinks that lead out.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, posix, sep } from 'node:path';
import { sendText } from './http-reply';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built assets `name-<hash>.ext` under assets/: they never change, so cache them for good. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/** The file a URL path names inside root, or undefined when the path is not acceptable. */
function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  let rel = posix.normalize(decoded);
  if (rel.endsWith('/')) rel += 'index.html';
  const full = root + rel.split('/').join(sep);
  return full.startsWith(root + sep) ? full : undefined;
}

export function createStaticHandler(rendererDir: string): StaticHandler {
  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method Not Allowed\n');
      return;
    }
    let root: string;
    try {
      root = await realpath(rendererDir);
    } catch {
      sendText(res, 404, `The console's files are missing (${rendererDir}). Build them with \`npm run build\`.\n`);
      return;
    }
    const file = resolveInside(root, pathname);
    if (!file) {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    let real: string;
    let size: number;
    let mtime: number;
    try {
      real = await realpath(file);
      const st = await stat(real);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
      mtime = st.mtimeMs;
    } catch {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    if (!real.startsWith(root + sep)) {
      sendText(res, 404, 'Not Found\n');
      return;
    }

    const etag = `"${size.toString(16)}-${Math.floor(mtime).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['Content-Length'] = size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };
}
