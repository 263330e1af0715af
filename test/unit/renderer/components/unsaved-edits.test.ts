// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { labelJournal, recoverUnsavedEdits } from '../../../../renderer/components/unsaved-edits';

afterEach(() => localStorage.clear());

const recovering = () => {
  const recoverLabel = vi.fn(async (_target: string, label: string) => label !== 'stored already');
  const recoverNote = vi.fn(async () => true);
  return { recoverLabel, recoverNote };
};

describe('recoverUnsavedEdits, labels', () => {
  it('stores every label a closed window left: those being saved and the one being typed', async () => {
    labelJournal.put('t1', 'to read');
    labelJournal.saving('t1', ['to read', 'stored already']);
    labelJournal.put('t1', 'TLS, Bonjour');
    const data = recovering();
    await expect(recoverUnsavedEdits(data)).resolves.toBe(3);
    expect(data.recoverLabel.mock.calls).toEqual([
      ['t1', 'to read'],
      ['t1', 'stored already'],
      ['t1', 'TLS'],
      ['t1', 'Bonjour'],
    ]);
    expect(localStorage.length).toBe(0);
  });

  it('reads an entry an earlier version wrote: the label being typed alone', async () => {
    localStorage.setItem('forumkb.unsaved-label.t2', JSON.stringify('QUIC'));
    const data = recovering();
    await expect(recoverUnsavedEdits(data)).resolves.toBe(1);
    expect(data.recoverLabel.mock.calls).toEqual([['t2', 'QUIC']]);
  });

  it('drops a label once saved, and the entry with the last', () => {
    labelJournal.saving('t3', ['a', 'b']);
    labelJournal.saved('t3', ['a']);
    expect(JSON.parse(localStorage.getItem('forumkb.unsaved-label.t3')!)).toEqual({ draft: '', saving: ['b'] });
    labelJournal.saved('t3', ['b']);
    expect(localStorage.getItem('forumkb.unsaved-label.t3')).toBeNull();
  });
});
