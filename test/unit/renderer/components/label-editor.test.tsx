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
