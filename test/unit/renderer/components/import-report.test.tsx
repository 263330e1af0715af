import { describe, expect, it } from 'vitest';
import { restoredMessage } from '../../../../renderer/components/ImportReport';

describe('what a restored backup brought back', () => {
  it.each([
    [{ notes: 1, bookmarks: 1, labels: 2 }, 'Restored 1 note, 1 bookmark and 2 labels.'],
    [{ notes: 3, bookmarks: 0, labels: 1 }, 'Restored 3 notes, 0 bookmarks and 1 label.'],
    [{ notes: 0, bookmarks: 0, labels: 0 }, 'The notes, bookmarks and labels in the backup were all here already.'],
  ])('%j reads %s', (counts, message) => {
    expect(restoredMessage(counts)).toBe(message);
  });
});
