import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appResponse, isAppUrl, resolveAppFile } from '../../../main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/bridge/content-security-policy';

const root = resolve('/srv/forumkb/renderer');

describe('app protocol', () => {
  it.each([
    ['app://forumkb/index.html', join(root, 'index.html')],
    ['app://forumkb/', join(root, 'index.html')],
    ['app://forumkb/assets/index-abc.js', join(root, 'assets/index-abc.js')],
    ['app://forumkb/assets/a%20b.css', join(root, 'assets/a b.css')],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppFile(root, url)).toBe(file);
  });

  it.each([
    'app://forumkb/../secret.txt',
    'app://forumkb/%2e%2e/%2e%2e/etc/passwd',
    'app://forumkb/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://forumkb/..%5c..%5cwindows',
  ])('never resolves %s outside the renderer folder', (url) => {
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + '/')).toBe(true);
  });

  it.each([
    'app://forumkb/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://forumkb/%00.html',
    'app://forumkb/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://forumkb/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('answers with the CSP header and a content type', async () => {
    const served = mkdtempSync(join(tmpdir(), 'forumkb-app-'));
    writeFileSync(join(served, 'index.html'), '<html>');
    const res = await appResponse(served, 'app://forumkb/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe('<html>');
  });

  it('answers 404 for a traversal attempt without reading anything', async () => {
    let reads = 0;
    const res = await appResponse(root, 'app://forumkb/..%2f..%2fx', () => {
      reads++;
      return Promise.resolve(Buffer.from(''));
    });
    expect(res.status).toBe(404);
    expect(reads).toBe(0);
  });

  it('knows its own origin', () => {
    expect(isAppUrl('app://forumkb/index.html#/thread/1')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://developer.apple.com/')).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows nothing remote and no inline or eval script', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['default-src']).toBe("default-src 'self'");
    expect(directives['script-src']).toBe("script-src 'self'");
    expect(directives['object-src']).toBe("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
