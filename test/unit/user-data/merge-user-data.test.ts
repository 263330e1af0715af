import { describe, expect, it } from 'vitest';
import {
  countRestoredBookmark,
  countRestoredNote,
  mergeBookmark,
  mergeNote,
  mergeReadState,
  noneRestored,
} from '../../../src/user-data/merge-user-data';

const note = (markdown: string, updatedAt: string, createdAt = '2026-01-01T00:00:00Z') => ({
  targetId: '1',
  threadId: '1',
  markdown,
  createdAt,
  updatedAt,
});

describe('merging restored user data', () => {
  it('keeps a bookmark and unions its labels', () => {
    const mine = { targetId: '1', threadId: '1', kind: 'thread' as const, labels: ['TLS'], createdAt: '2026-02-01' };
    const backup = { ...mine, labels: ['to read', 'TLS'], createdAt: '2026-01-01' };
    expect(mergeBookmark(mine, backup)).toEqual({ ...mine, labels: ['TLS', 'to read'], createdAt: '2026-01-01' });
    expect(mergeBookmark(undefined, backup)).toBe(backup);
  });

  it('takes the newer note when one contains the other', () => {
    const old = note('Check QA1941', '2026-01-02T00:00:00Z');
    const newer = note('Check QA1941\n\nAlso TN3151', '2026-01-05T00:00:00Z');
    expect(mergeNote(old, newer).markdown).toBe(newer.markdown);
    expect(mergeNote(newer, old).markdown).toBe(newer.markdown);
  });

  it('never drops text when two versions of a note diverged', () => {
    const mine = note('Mine: use NWConnection', '2026-03-01T00:00:00Z', '2026-01-03T00:00:00Z');
    const backup = note('Backup: use URLSession', '2026-02-01T00:00:00Z');
    const merged = mergeNote(mine, backup);
    expect(merged.markdown).toContain('Mine: use NWConnection');
    expect(merged.markdown).toContain('Backup: use URLSession');
    expect(merged.markdown.indexOf('Mine')).toBeLessThan(merged.markdown.indexOf('Backup'));
    expect(merged.updatedAt).toBe('2026-03-01T00:00:00Z');
    expect(merged.createdAt).toBe('2026-01-01T00:00:00Z');
  });

  it('restores a note as it was when nothing is stored', () => {
    const backup = note('x', '2026-02-01T00:00:00Z');
    expect(mergeNote(undefined, backup)).toBe(backup);
    expect(mergeNote(backup, { ...backup })).toEqual(backup);
  });

  it('keeps the latest read time', () => {
    const a = { threadId: '1', readAt: '2026-01-01' };
    const b = { threadId: '1', readAt: '2026-02-01' };
    expect(mergeReadState(a, b)).toBe(b);
    expect(mergeReadState(b, a)).toBe(b);
  });

  it('counts what a restore brought back: new bookmarks, new labels, new or changed notes', () => {
    const counts = noneRestored();
    const mine = { targetId: '1', threadId: '1', kind: 'thread' as const, labels: ['TLS'], createdAt: '2026-02-01' };
    const backup = { ...mine, labels: ['to read', 'TLS'] };
    countRestoredBookmark(counts, mine, mergeBookmark(mine, backup));
    countRestoredBookmark(counts, undefined, mergeBookmark(undefined, { ...backup, targetId: '2' }));
    const stored = note('same', '2026-01-02T00:00:00Z');
    countRestoredNote(counts, stored, mergeNote(stored, stored));
    countRestoredNote(counts, undefined, mergeNote(undefined, note('new', '2026-01-02T00:00:00Z')));
    expect(counts).toEqual({ notes: 1, bookmarks: 1, labels: 3 });
  });
});
