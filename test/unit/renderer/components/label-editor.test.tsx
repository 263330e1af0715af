// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const editLabels = vi.fn(async () => null);
vi.mock('../../../../renderer/data/data-client', () => ({
  dataApi: () => ({ editLabels }),
  useWatch: () => undefined,
}));

const { LabelEditor } = await import('../../../../renderer/components/LabelEditor');

afterEach(() => {
  cleanup();
  editLabels.mockClear();
});

describe('LabelEditor', () => {
  it('sends each label as an edit of what is stored, so a comma then Enter keeps both', () => {
    // The labels shown stay [] throughout: the first label's answer has not come back yet.
    render(<LabelEditor targetId="t1" labels={[]} />);
    const field = screen.getByRole('combobox', { name: 'Labels' });
    fireEvent.change(field, { target: { value: 'TLS, to read' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(editLabels.mock.calls).toEqual([
      ['t1', { add: ['TLS'] }],
      ['t1', { add: ['to read'] }],
    ]);
  });

  it("keeps the next label's journal entry when the last label's save answers after its first keys", async () => {
    // A window closing now must still find 'TLS' in the journal (unsaved-edits.ts).
    let answer!: () => void;
    editLabels.mockImplementationOnce(() => new Promise((resolve) => (answer = () => resolve(null))));
    render(<LabelEditor targetId="t2" labels={[]} />);
    const field = screen.getByRole('combobox', { name: 'Labels' });
    const journal = () => localStorage.getItem('forumkb.unsaved-label.t2');
    fireEvent.change(field, { target: { value: 'to read' } });
    fireEvent.blur(field);
    fireEvent.change(field, { target: { value: 'TLS' } });
    answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(journal()).toBe('"TLS"');
    // Once saved with nothing typed after it, the entry goes.
    fireEvent.blur(field);
    await vi.waitFor(() => expect(journal()).toBeNull());
    expect(editLabels.mock.calls).toEqual([
      ['t2', { add: ['to read'] }],
      ['t2', { add: ['TLS'] }],
    ]);
  });

  it('removes a label by name, with its button or Backspace in an empty field', () => {
    render(<LabelEditor targetId="t1" labels={['TLS', 'to read']} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove label TLS' }));
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Labels' }), { key: 'Backspace' });
    expect(editLabels.mock.calls).toEqual([
      ['t1', { remove: ['TLS'] }],
      ['t1', { remove: ['to read'] }],
    ]);
  });
});
