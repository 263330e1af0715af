/// <reference lib="webworker" />
/** The search worker: owns the index (see SearchService); the UI talks to it via SearchClient. */
import { openForumDb } from '../db/db';
import type { SearchRequest } from './search-protocol';
import { SearchService } from './search-service';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const service = new SearchService(openForumDb());

scope.onmessage = async (event: MessageEvent<SearchRequest>) => {
  scope.postMessage(await service.handle(event.data));
};
