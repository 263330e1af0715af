import { describe, expect, it } from 'vitest';
import { PendingLink, threadIdFromArgv } from '../../../main/deep-links';
import { threadIdFromLink, threadLink } from '../../../src/bridge/forumkb-link';

describe('forumkb links', () => {
  it.each([
    ['forumkb://thread/785432', '785432'],
    ['forumkb://thread/fp-1fxlqt9o8ov', 'fp-1fxlqt9o8ov'],
    ['FORUMKB://thread/785432/', '785432'],
    ['forumkb://thread/fp-1fxlqt9o8ov%2F..', null],
    ['forumkb://thread/../../etc', null],
    ['forumkb://thread/<script>', null],
    ['forumkb://evil/785432', null],
    ['https://developer.apple.com/forums/thread/785432', null],
    ['forumkb://thread/%E0%A4%A', null],
    ['forumkb://thread/..', null],
    ['#/thread/785432', '785432'],
    ['#/thread/syn-42', 'syn-42'],
  ])('%s → %s', (link, id) => {
    expect(threadIdFromLink(link)).toBe(id);
  });

  it('round-trips the ids ForumKB makes', () => {
    for (const id of ['1', '785432', 'fp-1fxlqt9o8ov']) expect(threadIdFromLink(threadLink(id))).toBe(id);
  });

  it('finds a link in a second instance command line', () => {
    expect(threadIdFromArgv(['/opt/ForumKB/forumkb', '--no-sandbox', 'forumkb://thread/42'])).toBe('42');
    expect(threadIdFromArgv(['/opt/ForumKB/forumkb', '--flag'])).toBeNull();
  });

  it('holds a link until the window can take it', () => {
    const delivered: string[] = [];
    let ready = false;
    const pending = new PendingLink((id) => ready && delivered.push(id) > 0);
    pending.offer('42');
    expect(delivered).toEqual([]);
    ready = true;
    pending.flush();
    pending.flush();
    expect(delivered).toEqual(['42']);
  });
});
