/**
 * Serves the renderer from `app://forumkb/…` instead of file://, with a path-traversal guard and
 * the CSP as a header (Electron's security checklist, items 18 and 7).
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../src/bridge/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'forumkb';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` that `requestUrl` names, or null when it is not ours or escapes root. */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  return file.startsWith(base + sep) ? file : null;
}

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * The file itself, links resolved, when it is still inside `root` (links resolved too): a
 * symlink in the renderer folder must not serve a file from elsewhere.
 */
async function realFileInside(root: string, file: string): Promise<string | null> {
  const [base, real] = await Promise.all([realpath(root), realpath(file)]);
  return real.startsWith(base + sep) ? real : null;
}

export async function appResponse(
  root: string,
  requestUrl: string,
  read: ReadFile = (p) => readFile(p),
): Promise<Response> {
  const named = resolveAppFile(root, requestUrl);
  if (!named) return new Response('Not found', { status: 404 });
  try {
    const file = await realFileInside(root, named);
    if (!file) return new Response('Not found', { status: 404 });
    const body = await read(file);
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function registerAppProtocol(protocol: Protocol, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url));
}

export function isAppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
