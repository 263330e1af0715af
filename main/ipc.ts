/** Typed IPC: one handler per channel of the contract, each checking its sender and arguments. */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { IpcChannel, IpcContract } from '../src/bridge/forumkb-api';
import { isAppUrl } from './app-protocol';

export type Validator<C extends IpcChannel> = (args: unknown[]) => IpcContract[C]['args'];
export type Handler<C extends IpcChannel> = (...args: IpcContract[C]['args']) => Promise<IpcContract[C]['result']>;

/** Only our own page, loaded from the app protocol, may call the main process. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function handle<C extends IpcChannel>(
  ipcMain: IpcMain,
  channel: C,
  validate: Validator<C>,
  handler: Handler<C>,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!isTrustedSender(event)) throw new Error(`${channel}: refused, the sender is not ForumKB's window`);
    return handler(...validate(args));
  });
}
