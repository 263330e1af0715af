import type { ForumKbApi } from '../../src/bridge/forumkb-api';
import { threadHash } from '../../src/bridge/forumkb-link';
// Resolved per build: create-platform.web.ts or create-platform.electron.ts (see vite.config.ts).
import { createPlatform } from './create-platform';

/** What only the platform can do: dialogs, files, links, the native menu. */
export const platform: ForumKbApi = createPlatform();

// Deep links from the OS (Electron) become the same hash route the browser build uses.
platform.onOpenThread((threadId) => {
  window.location.hash = threadHash(threadId);
});
