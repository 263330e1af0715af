// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../../renderer/components/DatabaseError';

afterEach(cleanup);

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('DatabaseError', () => {
  it('explains a full disk and says what to do', () => {
    render(<DatabaseError error={named('QuotaExceededError', 'quota')} />);
    expect(screen.getByRole('alert').textContent).toContain('full');
    expect(screen.getByRole('heading').textContent).toBe('ForumKB cannot open its database');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeDefined();
  });

  it('explains a database from a newer version', () => {
    render(
      <DatabaseError
        error={named('VersionError', 'The requested version (1) is less than the existing version (2).')}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('newer version of ForumKB');
  });

  it('explains storage blocked by private browsing or settings', () => {
    render(<DatabaseError error={named('MissingAPIError', 'IndexedDB API missing')} />);
    expect(screen.getByRole('alert').textContent).toContain('private browsing');
  });

  it('shows the technical details for anything else', () => {
    render(<DatabaseError error={new Error('something odd')} />);
    expect(screen.getByRole('alert').textContent).toContain('Error: something odd');
  });
});
