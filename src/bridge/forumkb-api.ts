/**
 * The one API the renderer sees of its platform: what only the platform can do (dialogs, the file
 * system, links, the native menu, the clipper's connector). Electron's preload implements it over
 * IPC; the browser build with a file input and downloads. Files come back as bytes, never parsed:
 * the data worker (src/bridge/data-api.ts) parses every file, whichever way it arrived.
 */
import type { ImportWarning, ThreadRecord } from '../model';
import type { Format } from '../import/detect-format';
import type { ExportFile } from '../export/export-file';
import type { ExportWriteReport } from '../export/export-report';
import type { UserData } from '../user-data/merge-user-data';
import type { CaptureAnswer } from '../import/capture-format';
import type { SourceFile } from './data-api';
import type { MenuCommand } from '../commands/command-list';

export type { ExportFile, SourceFile };

/**
 * A file as main gives it to the renderer: bytes, with its name and times; or, for a large one,
 * `stream`: the id of the port main streams it over (offered on IMPORT_STREAM_CHANNEL), `data`
 * then empty.
 */
export interface FileBytes extends SourceFile {
  data: Uint8Array;
  stream?: string;
}

/** main → preload on IMPORT_STREAM_CHANNEL, with the port: a picked file's stream. */
export interface ImportStreamOffer {
  streamId: string;
}

/**
 * A clipper capture as main parsed it (main answers a page it cannot read without bothering the
 * window); the data worker merges and stores it (`DataApi.storeCapture`).
 */
export type ParsedFileResult =
  | {
      ok: true;
      file: string;
      format: Format;
      records: ThreadRecord[];
      warnings: ImportWarning[];
      /** Bookmarks, notes and read state: only a ForumKB archive carries them. */
      userData?: UserData;
    }
  | { ok: false; file: string; error: ImportWarning };

/** The notes export as the user sees its outcome: where it went and what changed. */
export interface NotesExportResult extends ExportWriteReport {
  /** False when the user cancelled. */
  saved: boolean;
  /** Where the files went (a folder, or "Downloads"), for the message shown after. */
  location: string | null;
}

export interface SaveFileResult {
  saved: boolean;
  location: string | null;
}

export interface ForumKbApi {
  readonly platform: 'electron' | 'web';
  /** The bundled sample files, with when they were captured: what a new user sees on first start. */
  loadSeedFiles(): Promise<SourceFile[]>;
  /** Asks the user for files to import; none when cancelled. */
  pickFiles(): Promise<SourceFile[]>;
  /**
   * Writes the notes export into a folder the user picks (Electron: only files ForumKB wrote are
   * ever replaced, atomically) or offers them as downloads (browser).
   */
  exportNotes(files: ExportFile[]): Promise<NotesExportResult>;
  /** Saves one file (a backup archive) where the user says (Electron) or as a download (browser). */
  saveFile(file: ExportFile): Promise<SaveFileResult>;
  /** Opens an https link from the allow-list in the system browser. */
  openExternal(url: string): Promise<boolean>;
  /** Commands from the native menu (Electron only); returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** `forumkb://thread/<id>` links the OS asked the app to open (Electron only). */
  onOpenThread(listener: (threadId: string) => void): () => void;
  /** The browser clipper's connector: its port and the token to pair with (null in a browser). */
  connectorPairing(): Promise<ConnectorPairing | null>;
  /** Moves the connector to another port and/or makes a new token (the old one stops working). */
  configureConnector(change: ConnectorChange): Promise<ConnectorPairing | null>;
  /**
   * Pages the browser clipper captured, already parsed by main: the listener stores them and says
   * what changed (Electron only). Returns the unsubscribe function.
   */
  onCapture(listener: (file: ParsedFileResult) => Promise<CaptureAnswer>): () => void;
}

export interface ConnectorPairing {
  running: boolean;
  port: number;
  token: string;
  /** Why it is not running (the port is taken…). */
  error: string | null;
}

export interface ConnectorChange {
  port?: number;
  newToken?: boolean;
}

/** main → renderer: one capture to store; the renderer answers on `connector:capture-done`. */
export interface CaptureDelivery {
  requestId: string;
  file: ParsedFileResult;
}

/** renderer → main: what became of a capture. `busy`: an import is running, the clipper retries. */
export type CaptureReply = { ok: true; answer: CaptureAnswer } | { ok: false; busy: boolean; error: string };

/** Native menu items, by command id: the command list says which (src/commands/command-list.ts). */
export { MENU_COMMANDS, type MenuCommand } from '../commands/command-list';
/** The main→renderer channels: native menu commands, and deep links to open. */
export const MENU_COMMAND_CHANNEL = 'menu:command';
export const OPEN_THREAD_CHANNEL = 'link:open-thread';
export const CAPTURE_CHANNEL = 'connector:capture';
export const IMPORT_STREAM_CHANNEL = 'import:stream';

/** IPC channels, one per method: the contract main and preload are both typed against. */
export interface IpcContract {
  'seed:load': { args: []; result: FileBytes[] };
  'import:pick': { args: []; result: FileBytes[] };
  'export:notes': { args: [files: ExportFile[]]; result: NotesExportResult };
  'export:save-file': { args: [file: ExportFile]; result: SaveFileResult };
  'shell:open-external': { args: [url: string]; result: boolean };
  'connector:pairing': { args: []; result: ConnectorPairing };
  'connector:configure': { args: [change: ConnectorChange]; result: ConnectorPairing };
  'connector:capture-done': { args: [requestId: string, reply: CaptureReply]; result: void };
}

export type IpcChannel = keyof IpcContract;

export const IPC_CHANNELS: readonly IpcChannel[] = [
  'seed:load',
  'import:pick',
  'export:notes',
  'export:save-file',
  'shell:open-external',
];

/** The connector's channels: registered by main/connector.ts, not main/handlers.ts. */
export const CONNECTOR_IPC_CHANNELS: readonly IpcChannel[] = [
  'connector:pairing',
  'connector:configure',
  'connector:capture-done',
];
