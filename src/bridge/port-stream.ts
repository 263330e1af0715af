/**
 * A file's bytes over a message port, pulled a chunk at a time: Electron's main process reads a
 * picked file (`servePort`, over a MessagePortMain) and the data worker reads it as a
 * ReadableStream (`portStream`), so the file is never whole in main, in the window or in the worker.
 * The reader asks for each chunk (so main reads no faster than the import writes) and a cancel,
 * or a closed port, makes main close the file.
 */

/** Reader → server. */
export type PortStreamRequest = { pull: true } | { cancel: true };
/** Server → reader. */
export type PortStreamMessage = { chunk: Uint8Array } | { end: true } | { error: string };

/** The little of a port both ends use: a DOM MessagePort, a Node one, or Electron's MessagePortMain behind an adapter. */
export interface StreamPort {
  postMessage(message: unknown): void;
  close(): void;
}

export interface DomLikePort extends StreamPort {
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** The port's chunks as a stream; cancelling it (or the import stopping) tells the server to stop and close. */
export function portStream(port: DomLikePort): ReadableStream<Uint8Array> {
  let waiting: { resolve(): void; controller: ReadableStreamDefaultController<Uint8Array> } | null = null;
  let finished = false;
  const finish = () => {
    finished = true;
    port.onmessage = null;
    port.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        port.onmessage = ({ data }) => {
          const message = data as PortStreamMessage;
          if ('chunk' in message) controller.enqueue(message.chunk);
          else if ('end' in message) {
            controller.close();
            finish();
          } else {
            controller.error(new Error(message.error));
            finish();
          }
          const pending = waiting;
          waiting = null;
          pending?.resolve();
        };
      },
      pull(controller) {
        return new Promise<void>((resolve) => {
          waiting = { resolve, controller };
          port.postMessage({ pull: true } satisfies PortStreamRequest);
        });
      },
      cancel() {
        if (finished) return;
        port.postMessage({ cancel: true } satisfies PortStreamRequest);
        finish();
      },
    },
    // One chunk read ahead while the one before is parsed.
    { highWaterMark: 1 },
  );
}

/** What the server reads from: the next chunk (null at the end), and closing it. */
export interface ChunkSource {
  read(): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/**
 * Answers a reader's pulls from `source`, one read at a time, until the end, an error, a cancel or
 * the port closing; the source is closed in every case. `onRequest` is how the port delivers
 * messages (an adapter over `port.on('message')` or `onmessage`); returns when the source is closed.
 */
export function servePort(
  port: StreamPort,
  source: ChunkSource,
  listen: (onRequest: (request: unknown) => void, onClose: () => void) => void,
): Promise<void> {
  let closed = false;
  let queue = Promise.resolve();
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stop = async (message?: PortStreamMessage) => {
    if (closed) return;
    closed = true;
    if (message) port.postMessage(message);
    await source.close().catch(() => undefined);
    port.close();
    done();
  };
  const serve = async () => {
    if (closed) return;
    try {
      const chunk = await source.read();
      if (closed) return;
      if (chunk === null) await stop({ end: true });
      else port.postMessage({ chunk } satisfies PortStreamMessage);
    } catch (error) {
      await stop({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  listen(
    (request) => {
      const r = (request ?? {}) as Partial<Record<'pull' | 'cancel', unknown>>;
      if (r.cancel === true) void stop();
      else if (r.pull === true) queue = queue.then(serve);
      // Anything else is not from our reader: ignored.
    },
    () => void stop(),
  );
  return finished;
}
