/// <reference lib="webworker" />
/**
 * The data worker: one Web Worker that owns the database, the importers, the merge, the search
 * index and the user's data. The UI reaches it only through Comlink (see data-client.ts).
 */
import * as Comlink from 'comlink';
import { openForumDb } from '../db/forum-db';
import { DataEngine } from './data-engine';

Comlink.expose(new DataEngine(openForumDb()));
