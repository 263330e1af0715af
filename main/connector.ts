/**
 * The app's side of the browser clipper: runs the connector server (src/node/connector-server.ts)
 * with the paired token, parses each capture here, and hands the threads to the renderer, which
 * owns the database and stores them through its import. The answer (added / updated / unchanged)
 * goes back to the extension.
 *
 * The token and port live in `connector.json` in the user-data folder (readable by the user only).
 * The token is 32 random bytes, made on first start; the pairing dialog shows it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import type { IpcMain } from 'electron';
import {
  CAPTURE_CHANNEL,
  type CaptureDelivery,
  type CaptureReply,
  type ConnectorChange,
  type ConnectorPairing,
  type ParsedFileResult,
} from '../src/bridge/forumkb-api';
import type { CaptureAnswer, CapturedThread } from '../src/import/capture-format';
import { parseCapture } from '../src/import/capture-import';
import { writeFileAtomic } from '../src/node/atomic-write';
import {
  ConnectorBusyError,
  DEFAULT_CONNECTOR_PORT,
  startConnectorServer,
  type ConnectorServer,
} from '../src/node/connector-server';
import { handle } from './ipc';
import { IpcValidationError, expectNoArgs } from './ipc-validation';

export interface ConnectorSettings {
  port: number;
  token: string;
}

export const newToken = () => randomBytes(32).toString('base64url');
const isPort = (p: unknown): p is number => Number.isInteger(p) && (p as number) >= 1024 && (p as number) <= 65535;

/** The saved settings, or new ones (saved) when there are none or they are damaged. */
export async function loadConnectorSettings(file: string): Promise<ConnectorSettings> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<ConnectorSettings>;
    if (isPort(saved.port) && typeof saved.token === 'string' && saved.token.length >= 32)
      return { port: saved.port, token: saved.token };
  } catch {
    // none yet, or unreadable: make new ones below
  }
  const fresh = { port: DEFAULT_CONNECTOR_PORT, token: newToken() };
  // Unsaved (a read-only profile), the token still pairs for this session.
  await saveConnectorSettings(file, fresh).catch(() => undefined);
  return fresh;
}

async function saveConnectorSettings(file: string, settings: ConnectorSettings): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
  await chmod(file, 0o600).catch(() => undefined); // Windows: the user-data folder is per-user already
}

export interface ConnectorDeps {
  ipcMain: IpcMain;
  settingsFile: string;
  /** The window to hand captures to, when it is open and loaded. */
  target: () => { send(channel: string, ...args: unknown[]): void } | null;
  start?: typeof startConnectorServer;
  /** How long the renderer may take to store a capture. */
  timeoutMs?: number;
}

const STATUSES = new Set(['added', 'updated', 'unchanged']);

function capturedThread(value: unknown): CapturedThread {
  const t = (value ?? {}) as Record<string, unknown>;
  if (
    typeof t.id !== 'string' ||
    typeof t.title !== 'string' ||
    !STATUSES.has(t.status as string) ||
    typeof t.newReplies !== 'number'
  )
    throw new IpcValidationError('capture-done: a thread without id, title, status or newReplies');
  return { id: t.id, title: t.title, status: t.status as CapturedThread['status'], newReplies: t.newReplies };
}

export function expectCaptureReply(args: unknown[]): [string, CaptureReply] {
  const [requestId, reply] = args as [unknown, Record<string, unknown> | undefined];
  if (args.length !== 2 || typeof requestId !== 'string' || requestId.length > 64 || !reply)
    throw new IpcValidationError('capture-done: expected a request id and a reply');
  if (reply.ok === true) {
    const answer = (reply.answer ?? {}) as Record<string, unknown>;
    if (!Array.isArray(answer.threads)) throw new IpcValidationError('capture-done: no threads');
    const warnings = Array.isArray(answer.warnings) ? answer.warnings.filter((w) => typeof w === 'string') : [];
    return [
      requestId,
      { ok: true, answer: { kind: String(answer.kind ?? ''), threads: answer.threads.map(capturedThread), warnings } },
    ];
  }
  return [
    requestId,
    { ok: false, busy: reply.busy === true, error: String(reply.error ?? 'not stored').slice(0, 500) },
  ];
}

export function expectConnectorChange(args: unknown[]): [ConnectorChange] {
  const [change] = args as [Record<string, unknown> | undefined];
  if (args.length !== 1 || typeof change !== 'object' || change === null)
    throw new IpcValidationError('connector: expected one change');
  if (change.port !== undefined && !isPort(change.port))
    throw new IpcValidationError('connector: the port must be a whole number from 1024 to 65535');
  return [
    { ...(change.port !== undefined ? { port: change.port as number } : {}), newToken: change.newToken === true },
  ];
}

export interface Connector {
  pairing(): ConnectorPairing;
  stop(): Promise<void>;
}

/**
 * Registers the connector's IPC channels at once (the window may ask for the pairing before the
 * server is up), then loads the settings and starts listening.
 */
export async function startConnector(deps: ConnectorDeps): Promise<Connector> {
  const start = deps.start ?? startConnectorServer;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  let settings: ConnectorSettings = { port: DEFAULT_CONNECTOR_PORT, token: '' };
  let server: ConnectorServer | null = null;
  let error: string | null = null;
  const pending = new Map<string, (reply: CaptureReply) => void>();

  async function capture(page: Parameters<typeof parseCapture>[0]): Promise<CaptureAnswer> {
    // Parsed here: a page the parsers cannot read is answered 400 without bothering the window.
    const parsed = parseCapture(page, page.url);
    const target = deps.target();
    if (!target) throw new ConnectorBusyError('ForumKB’s window is not open: the clipper will try again');
    const requestId = randomUUID();
    const file: ParsedFileResult = {
      ok: true,
      file: `capture of ${page.url}`,
      format: 'capture',
      records: parsed.records,
      warnings: parsed.warnings,
    };
    const reply = await new Promise<CaptureReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(requestId);
        reject(new ConnectorBusyError('ForumKB did not store the capture in time: the clipper will try again'));
      }, timeoutMs);
      pending.set(requestId, (r) => {
        clearTimeout(timer);
        pending.delete(requestId);
        resolve(r);
      });
      target.send(CAPTURE_CHANNEL, { requestId, file } satisfies CaptureDelivery);
    });
    if (!reply.ok) throw reply.busy ? new ConnectorBusyError(reply.error) : new Error(reply.error);
    return { ...reply.answer, kind: parsed.kind };
  }

  async function listen(): Promise<void> {
    await server?.close();
    server = null;
    try {
      server = await start({ port: settings.port, token: () => settings.token, capture });
      error = null;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      error =
        code === 'EADDRINUSE'
          ? `port ${settings.port} is in use by another program: choose another`
          : `the connector could not start (${code ?? String(e)})`;
    }
  }

  const pairing = (): ConnectorPairing => ({
    running: server !== null,
    port: settings.port,
    token: settings.token,
    error,
  });

  const loaded = loadConnectorSettings(deps.settingsFile).then((s) => {
    settings = s;
  });
  handle(deps.ipcMain, 'connector:pairing', expectNoArgs, async () => {
    await loaded;
    return pairing();
  });
  handle(deps.ipcMain, 'connector:configure', expectConnectorChange, async (change) => {
    await loaded;
    settings = { port: change.port ?? settings.port, token: change.newToken ? newToken() : settings.token };
    await saveConnectorSettings(deps.settingsFile, settings);
    if (change.port !== undefined && change.port !== server?.port) await listen();
    return pairing();
  });
  handle(deps.ipcMain, 'connector:capture-done', expectCaptureReply, (requestId, reply) => {
    pending.get(requestId)?.(reply);
    return Promise.resolve();
  });

  await loaded;
  await listen();
  return {
    pairing,
    stop: async () => {
      await server?.close();
      server = null;
    },
  };
}
