/**
 * The Electron implementation of the platform API: the preload's bridge (main/preload.ts). Chosen
 * at build time (`FORUMKB_TARGET=electron vite build`), so this bundle has no web-only code.
 */
import type { ForumKbApi } from '../../src/bridge/forumkb-api';

declare global {
  interface Window {
    /** Set by Electron's preload. */
    forumkb?: ForumKbApi;
  }
}

export function createPlatform(): ForumKbApi {
  if (!window.forumkb) throw new Error('ForumKB’s Electron build needs its preload (window.forumkb is missing)');
  return window.forumkb;
}
