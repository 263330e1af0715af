import type { ForumKbApi } from '../../src/bridge/forumkb-api';
import { threadHash } from '../../src/bridge/forumkb-link';
import { createWebPlatform } from './web-platform';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser. */
    forumkb?: ForumKbApi;
  }
}

/** Electron's bridge when the preload provided one, else the browser implementation. */
export const platform: ForumKbApi = window.forumkb ?? createWebPlatform();

// Deep links from the OS (Electron) become the same hash route the browser build uses.
platform.onOpenThread((threadId) => {
  window.location.hash = threadHash(threadId);
});
