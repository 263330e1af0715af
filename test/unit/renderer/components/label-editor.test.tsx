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
  localStorage.clear();
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

  it('keeps each label in the journal until it is stored, apart from the next one being typed', async () => {
    // A window closing at any moment must find every label not yet stored (unsaved-edits.ts).
    let answer!: () => void;
    editLabels.mockImplementationOnce(() => new Promise((resolve) => (answer = () => resolve(null))));
    render(<LabelEditor targetId="t2" labels={[]} />);
    const field = screen.getByRole('combobox', { name: 'Labels' });
    const journal = () => JSON.parse(localStorage.getItem('forumkb.unsaved-label.t2') ?? 'null') as unknown;
    fireEvent.change(field, { target: { value: 'to read' } });
    expect(journal()).toEqual({ draft: 'to read', saving: [] });
    fireEvent.blur(field);
    expect(journal()).toEqual({ draft: '', saving: ['to read'] });
    // The save's answer comes after the next label's first keys: that label stays.
    fireEvent.change(field, { target: { value: 'TLS' } });
    answer();
    await vi.waitFor(() => expect(journal()).toEqual({ draft: 'TLS', saving: [] }));
    fireEvent.blur(field);
    await vi.waitFor(() => expect(journal()).toBeNull());
    expect(editLabels.mock.calls).toEqual([
      ['t2', { add: ['to read'] }],
      ['t2', { add: ['TLS'] }],
    ]);
  });

  it('keeps a label ended by a comma in the journal until it is stored', () => {
    editLabels.mockImplementationOnce(() => new Promise(() => {}));
    render(<LabelEditor targetId="t3" labels={[]} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Labels' }), { target: { value: 'TLS,Bon' } });
    expect(JSON.parse(localStorage.getItem('forumkb.unsaved-label.t3')!)).toEqual({ draft: 'Bon', saving: ['TLS'] });
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
