/**
 * App-wide guards from Electron's security checklist: no new windows, no navigation away, no
 * webviews, no permissions, no remote requests. External https links on the allow-list go to the
 * system browser.
 */
import type { App, Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from '../src/bridge/external-links';
import { isAppUrl } from './app-protocol';

export type OpenExternal = (url: string) => Promise<void>;

/** Opens `url` in the system browser when it is https and on the allow-list; says whether it did. */
export async function openExternalUrl(url: unknown, open: OpenExternal): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await open(url);
  return true;
}

export function hardenWebContents(contents: WebContents, open: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalUrl(url, open);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternalUrl(url, open);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Requests the renderer may make: its own files and inline data. Everything else is remote content. */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:app://') || url.startsWith('devtools://');
}

/** The one permission the app uses ("Copy link" writes the clipboard); every other is denied. */
const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionGranted(permission: string, origin: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(origin);
}

export function installSecurityGuards(app: App, session: Session, open: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, open));
  // The frame that asks, not the window it sits in: a frame of other content inside the app's
  // window must not borrow the app's permissions.
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, `${requestingOrigin}/`),
  );
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
}
