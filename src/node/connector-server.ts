/**
 * The connector: a small HTTP server on 127.0.0.1 that the ForumKB Clipper (the browser
 * extension) posts captured pages to, in the tradition of Zotero's connector server and Joplin's
 * clipper service. Plain Node, no Electron: the app's main process and `cli connector` both run it.
 *
 *   GET  /status    whether ForumKB is there, and whether the request's token is the paired one
 *   POST /capture   `Authorization: Bearer <token>`, a capture as JSON (src/import/capture-format.ts)
 *                   → 200 {"threads": [{"id", "title", "status", "newReplies"}]}
 *
 * Refused: 401 without the paired token (compared in constant time); 403 for anything a web page
 * sends (an Origin that is not a browser extension's, a Sec-Fetch-Site other than `none`, a Host
 * that is not the loopback address: DNS rebinding); 413 over the size limit (read no further);
 * 415 not JSON; 400 with the parser's words for a page it cannot read; 503 when busy. No CORS
 * header is ever sent, so no page can read an answer either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCapture, type Capture, type CaptureAnswer } from '../import/capture-format';
import { ImportError } from '../import/import-error';

export type { CaptureAnswer, CapturedThread, CaptureStatus } from '../import/capture-format';

/** Zotero listens on 23119, Joplin on 41184; ForumKB on this one unless the user says otherwise. */
export const DEFAULT_CONNECTOR_PORT = 41385;
export const CONNECTOR_HOST = '127.0.0.1';
/** A thread page's text and DOM together stay well under this; a listing's too. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Thrown by a capture handler that cannot take a capture now (the app is busy importing). */
export class ConnectorBusyError extends Error {}

export interface ConnectorOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** The paired token; a function so that re-pairing takes effect at once. */
  token: string | (() => string);
  /** Stores a validated capture; throws ImportError for a page its parsers cannot read. */
  capture(capture: Capture): Promise<CaptureAnswer>;
  maxBodyBytes?: number;
  /** Captures handled at once; more are answered 503 with Retry-After. */
  maxConcurrent?: number;
  /** Connections open at once; more are closed at once by Node (a flood stays bounded). */
  maxConnections?: number;
}

export interface ConnectorServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Where browser extensions' own requests come from; web pages cannot claim these origins. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time: the digests are always 32 bytes, whatever the lengths of the two tokens. */
export function tokensMatch(given: string, expected: string): boolean {
  return expected !== '' && timingSafeEqual(digest(given), digest(expected));
}

function bearer(req: IncomingMessage): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : '';
}

/** Why a request is not the extension's (or a local tool's) own, or null when it may proceed. */
export function refusal(req: Pick<IncomingMessage, 'headers'>, port: number): string | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `${CONNECTOR_HOST}:${port}` && host !== `localhost:${port}`)
    return 'the Host header is not the loopback address';
  const origin = req.headers.origin;
  if (origin !== undefined && !EXTENSION_ORIGIN.test(origin)) return 'requests from web pages are refused';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none') return 'requests from web pages are refused';
  return null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

class TooLarge extends Error {}

/** The body, refusing more than `limit` bytes whether announced or streamed. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startConnectorServer(options: ConnectorOptions): Promise<ConnectorServer> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxConcurrent = options.maxConcurrent ?? 4;
  const token = typeof options.token === 'function' ? options.token : () => options.token as string;
  let inFlight = 0;
  let port = options.port;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusal(req, port);
    if (refused) return send(res, 403, { error: refused });
    const path = (req.url ?? '/').split('?')[0];
    const authorized = tokensMatch(bearer(req), token());

    if (path === '/status') {
      if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      return send(res, 200, { app: 'ForumKB', api: 1, paired: authorized });
    }
    if (path !== '/capture') return send(res, 404, { error: 'no such endpoint' });
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { Allow: 'POST' });
    if (!authorized)
      return send(
        res,
        401,
        { error: 'not paired: the token is missing or wrong (pair the clipper with the token ForumKB shows)' },
        { 'WWW-Authenticate': 'Bearer realm="ForumKB"' },
      );
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return send(res, 415, { error: 'the capture must be sent as application/json' });
    const announced = Number(req.headers['content-length'] ?? 0);
    if (announced > maxBody) return tooLarge(res, maxBody);
    if (inFlight >= maxConcurrent)
      return send(res, 503, { error: 'ForumKB is busy with other captures: try again' }, { 'Retry-After': '1' });
    inFlight++;
    try {
      let body: string;
      try {
        body = await readBody(req, maxBody);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge(res, maxBody);
        throw error;
      }
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return send(res, 400, { error: 'the body is not JSON' });
      }
      const answer = await options.capture(validateCapture(value, 'capture'));
      return send(res, 200, answer);
    } catch (error) {
      if (error instanceof ImportError) return send(res, 400, { error: error.reason, line: error.line });
      if (error instanceof ConnectorBusyError)
        return send(res, 503, { error: error.message || 'ForumKB is busy: try again' }, { 'Retry-After': '2' });
      return send(res, 500, { error: `ForumKB could not store the capture: ${(error as Error).message}` });
    } finally {
      inFlight--;
    }
  }

  function tooLarge(res: ServerResponse, limit: number): void {
    // Read no further: answer, then close the connection rather than drain a huge body.
    send(
      res,
      413,
      { error: `the capture is larger than ${limit >= 1 << 20 ? `${limit / (1 << 20)} MB` : `${limit / 1024} KB`}` },
      { Connection: 'close' },
    );
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  server.maxConnections = options.maxConnections ?? 128;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, CONNECTOR_HOST, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
