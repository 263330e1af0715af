import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseToFile } from '../../src/import/parse-source';
import { fileSource } from '../../src/node/file-source';
import { runConnector, type RunningConnector } from '../support/connector-cli';
import { THREAD_ID, THREAD_TITLE, listingPageText, threadPageText } from '../support/forum-page-text';

const TOKEN = 'cli-test-token-0123456789';

let dir: string;
let connector: RunningConnector | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forumkb-connector-'));
});
afterEach(async () => {
  await connector?.stop();
  connector = undefined;
  await rm(dir, { recursive: true, force: true });
});

const postCapture = (port: number, body: object, token = TOKEN) =>
  fetch(`http://127.0.0.1:${port}/capture`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('cli connector', () => {
  it('writes each capture as a file that imports, one line per capture, and remembers across runs', async () => {
    connector = await runConnector(dir, TOKEN);
    const page = {
      url: `https://developer.apple.com/forums/thread/${THREAD_ID}`,
      title: THREAD_TITLE,
      text: threadPageText(1),
      capturedAt: '2025-04-01T10:00:00.000Z',
    };
    const res = await postCapture(connector.port, page);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { threads: unknown[] }).threads).toEqual([
      { id: THREAD_ID, title: THREAD_TITLE, status: 'added', newReplies: 1 },
    ]);
    const listing = await postCapture(connector.port, {
      ...page,
      url: 'https://developer.apple.com/forums/tags/network-extension',
      text: listingPageText(),
    });
    expect(listing.status).toBe(200);
    expect((await postCapture(connector.port, page, 'wrong-token-wrong')).status).toBe(401);
    await until(() => connector!.lines.length >= 2);
    expect(connector.lines).toHaveLength(2);
    expect(connector.lines[0]).toMatch(new RegExp(`^added  ${THREAD_ID}  "${THREAD_TITLE}"  → .*thread-${THREAD_ID}`));
    expect(connector.lines[1]).toMatch(/^listing: 3 threads \(2 added, 1 updated, 0 unchanged\)/);

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    for (const f of files) {
      const parsed = await parseToFile(await fileSource(join(dir, f)));
      expect(parsed.format).toBe('capture');
      expect(parsed.records.length).toBeGreaterThan(0);
    }

    // A new run reads what the folder holds: the same page is unchanged, two more replies update it.
    await connector.stop();
    connector = await runConnector(dir, TOKEN);
    const again = await postCapture(connector.port, page);
    expect(((await again.json()) as { threads: { status: string }[] }).threads[0]!.status).toBe('unchanged');
    const later = await postCapture(connector.port, {
      ...page,
      text: threadPageText(3),
      capturedAt: '2025-04-05T10:00:00.000Z',
    });
    expect(((await later.json()) as { threads: unknown[] }).threads).toEqual([
      { id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 2 },
    ]);
    await until(() => connector!.lines.length >= 2);
    expect(connector.lines[1]).toMatch(/^updated: 2 new replies {2}/);
    // The same page sent twice replaces its file: nothing is written twice.
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('says so when the port is taken (by the app, say) instead of crashing', async () => {
    connector = await runConnector(dir, TOKEN);
    const second = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'connector', '--port', String(connector.port), '--out', dir],
      { encoding: 'utf8' },
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(
      `forumkb connector: port ${connector.port} is in use (is ForumKB running?): choose another with --port\n`,
    );
  });
});
