import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { hardenWebContents, installSecurityGuards, isAllowedRequest, openExternalUrl } from '../../../main/security';
import { secureWindowOptions } from '../../../main/window';

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => {
      openHandler = fn;
    },
  } as unknown as WebContents;
  return { contents, listeners, open: (url: string) => openHandler!({ url }) };
}

function navigate(listener: Listener, url: string): boolean {
  let prevented = false;
  listener({ preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('openExternalUrl', () => {
  it.each([
    ['https://developer.apple.com/forums/thread/123', true],
    ['https://forums.developer.apple.com/thread/123', true],
    ['http://developer.apple.com/forums', false],
    ['https://evil.example.com/', false],
    ['https://developer.apple.com.evil.example/', false],
    ['https://user:pw@developer.apple.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['forumkb://thread/1', false],
  ])('%s → opened: %s', async (url, opened) => {
    const open = vi.fn(() => Promise.resolve());
    expect(await openExternalUrl(url, open)).toBe(opened);
    expect(open).toHaveBeenCalledTimes(opened ? 1 : 0);
  });

  it('refuses values that are not strings', async () => {
    const open = vi.fn(() => Promise.resolve());
    expect(await openExternalUrl({ toString: () => 'https://developer.apple.com/' }, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('hardenWebContents', () => {
  it('denies every new window and sends allowed https links to the system browser', () => {
    const open = vi.fn(() => Promise.resolve());
    const { contents, open: windowOpen } = fakeContents();
    hardenWebContents(contents, open);
    expect(windowOpen('https://developer.apple.com/forums/thread/1')).toEqual({ action: 'deny' });
    expect(windowOpen('https://evil.example.com/')).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://developer.apple.com/forums/thread/1');
  });

  it('never navigates away from the app, nor follows redirects, nor attaches webviews', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, () => Promise.resolve());
    expect(navigate(listeners.get('will-navigate')!, 'https://evil.example.com/')).toBe(true);
    expect(navigate(listeners.get('will-navigate')!, 'file:///etc/passwd')).toBe(true);
    expect(navigate(listeners.get('will-navigate')!, 'app://forumkb/index.html')).toBe(false);
    expect(navigate(listeners.get('will-redirect')!, 'https://developer.apple.com/')).toBe(true);
    expect(navigate(listeners.get('will-attach-webview')!, '')).toBe(true);
  });
});

describe('installSecurityGuards', () => {
  it('denies permissions but clipboard writing by the app, blocks remote requests and hardens every new web contents', () => {
    let created: ((e: unknown, c: WebContents) => void) | undefined;
    const app = { on: (_: string, fn: typeof created) => (created = fn) } as unknown as App;
    let requestHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void) | undefined;
    let checkHandler: ((wc: unknown, p: string, origin: string) => boolean) | undefined;
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: typeof checkHandler) => (checkHandler = fn),
      webRequest: { onBeforeRequest: (fn: typeof beforeRequest) => (beforeRequest = fn) },
    } as unknown as Session;
    installSecurityGuards(app, session, () => Promise.resolve());

    const answers: boolean[] = [];
    const appPage = { getURL: () => 'app://forumkb/index.html' };
    const remote = { getURL: () => 'https://evil.example.com/' };
    requestHandler!(appPage, 'media', (ok) => answers.push(ok), { requestingUrl: appPage.getURL() });
    requestHandler!(appPage, 'notifications', (ok) => answers.push(ok), { requestingUrl: appPage.getURL() });
    requestHandler!(appPage, 'geolocation', (ok) => answers.push(ok), { requestingUrl: appPage.getURL() });
    requestHandler!(remote, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: remote.getURL() });
    requestHandler!(appPage, 'clipboard-sanitized-write', (ok) => answers.push(ok), {
      requestingUrl: appPage.getURL(),
    });
    expect(answers).toEqual([false, false, false, false, true]);
    expect(checkHandler!(null, 'clipboard-read', 'app://forumkb')).toBe(false);
    expect(checkHandler!(null, 'clipboard-sanitized-write', 'https://evil.example.com')).toBe(false);
    expect(checkHandler!(null, 'clipboard-sanitized-write', 'app://forumkb')).toBe(true);

    const cancel = (url: string) => {
      let result: boolean | undefined;
      beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancel('https://developer.apple.com/forums/img.png')).toBe(true);
    expect(cancel('http://127.0.0.1:8080/')).toBe(true);
    expect(cancel('app://forumkb/assets/index.js')).toBe(false);

    const { contents, listeners } = fakeContents();
    created!({}, contents);
    expect(listeners.has('will-navigate')).toBe(true);
  });

  it('allows only the app, data: and blob: URLs of the app', () => {
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://forumkb/1234')).toBe(true);
    expect(isAllowedRequest('blob:https://evil.example/1234')).toBe(false);
  });
});

describe('secureWindowOptions', () => {
  it('isolates and sandboxes the page with no Node integration anywhere', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
