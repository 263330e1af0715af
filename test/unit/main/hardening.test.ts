/** The shipped app's locks: fuses in the build, links, permissions by frame, real paths, menu. */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, MenuItemConstructorOptions, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { appResponse } from '../../../main/app-protocol';
import { menuTemplate } from '../../../main/menu';
import { installSecurityGuards, openExternalUrl } from '../../../main/security';
import { secureWindowOptions } from '../../../main/window';

const ROOT = new URL('../../../', import.meta.url);

describe('Electron fuses in the build', () => {
  const config = parse(readFileSync(new URL('electron-builder.yml', ROOT), 'utf8')) as {
    electronFuses?: Record<string, boolean>;
    asar?: unknown;
  };
  it('turns off every way to run the binary as something else, and on the ASAR checks', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('names only fuses electron-builder knows (a typo would be no fuse at all)', () => {
    const schema = JSON.parse(readFileSync(new URL('node_modules/app-builder-lib/scheme.json', ROOT), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known).toContain('runAsNode');
    for (const key of Object.keys(config.electronFuses ?? {})) expect(known).toContain(key);
  });
});

describe('openExternal', () => {
  it.each([
    ['https://developer.apple.com/forums/thread/1', true],
    ['https://developer.apple.com:443/forums/thread/1', true],
    ['https://developer.apple.com:8443/forums/thread/1', false],
    ['https://developer.apple.com:80/', false],
    ['https://github.com/evil/repo', false],
    ['https://gist.github.com/evil/1', false],
    ['https://raw.githubusercontent.com/evil/x', false],
  ])('%s → opened: %s', async (url, opened) => {
    const open = vi.fn(() => Promise.resolve());
    expect(await openExternalUrl(url, open)).toBe(opened);
  });
});

describe('permissions', () => {
  it('asks the requesting frame, not the window it sits in', () => {
    let requestHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: () => undefined,
      webRequest: { onBeforeRequest: () => undefined },
    } as unknown as Session;
    installSecurityGuards({ on: () => undefined } as unknown as App, session, () => Promise.resolve());
    const appWindow = { getURL: () => 'app://forumkb/index.html' };
    const answers: boolean[] = [];
    const ask = (requestingUrl: string) =>
      requestHandler!(appWindow, 'clipboard-sanitized-write', (ok) => answers.push(ok), {
        requestingUrl,
        isMainFrame: requestingUrl.startsWith('app:'),
      });
    ask('https://evil.example.com/frame.html');
    ask('app://forumkb/index.html');
    expect(answers).toEqual([false, true]);
  });
});

describe('app:// serves real paths', () => {
  const base = mkdtempSync(join(tmpdir(), 'forumkb-real-'));
  const served = join(base, 'renderer');
  mkdirSync(join(served, 'assets'), { recursive: true });
  writeFileSync(join(served, 'assets', 'app.js'), 'ok');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(served, 'assets', 'leak.js'));
  symlinkSync(base, join(served, 'up'));
  symlinkSync(join(served, 'assets', 'app.js'), join(served, 'alias.js'));

  it.each(['app://forumkb/assets/leak.js', 'app://forumkb/up/secret.txt'])(
    '%s: a link out of the folder is 404',
    async (url) => {
      const res = await appResponse(served, url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    },
  );

  it('serves files and links that stay inside the folder', async () => {
    expect(await (await appResponse(served, 'app://forumkb/assets/app.js')).text()).toBe('ok');
    expect(await (await appResponse(served, 'app://forumkb/alias.js')).text()).toBe('ok');
  });
});

describe('DevTools', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
  it('has no menu entry and is off in the shipped app', () => {
    const shipped = menuTemplate(
      'linux',
      () => undefined,
      () => undefined,
    );
    expect(roles(shipped)).not.toContain('toggleDevTools');
    expect(secureWindowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
  });
  it('is there while developing', () => {
    expect(
      roles(
        menuTemplate(
          'darwin',
          () => undefined,
          () => undefined,
          true,
        ),
      ),
    ).toContain('toggleDevTools');
    expect(secureWindowOptions('/p.cjs', true).webPreferences!.devTools).toBe(true);
  });
});
