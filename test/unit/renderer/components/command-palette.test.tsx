// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../../renderer/app/commands', () => ({
  allCommands: () => [{ id: 'search', title: 'Search', run: () => undefined }],
}));

const { CommandPalette } = await import('../../../../renderer/components/CommandPalette');

afterEach(cleanup);

describe('CommandPalette', () => {
  it('keeps the focus while it is open, and gives it back when closed', () => {
    const row = document.createElement('button');
    row.textContent = 'a thread row';
    document.body.append(row);
    row.focus();
    render(<CommandPalette />);
    const input = screen.getByRole('combobox', { name: 'Type a command' });
    expect(document.activeElement).toBe(input);
    // A row focused as its list updates, while the palette is open, is refused.
    row.focus();
    expect(document.activeElement).toBe(input);
    // Escape closes it, and the focus goes back where it was.
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(document.activeElement).toBe(row);
    row.remove();
  });
});
