import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Every window ForumKB opens: isolated, sandboxed, no Node in the page (Electron's checklist);
 * DevTools only in development, never in the shipped app.
 */
export function secureWindowOptions(preloadPath: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'ForumKB',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools,
    },
  };
}
