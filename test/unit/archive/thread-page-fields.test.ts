import { describe, expect, it } from 'vitest';
import { decodeArchive } from '../../../src/archive/decode-archive';
import { encodeArchive } from '../../../src/archive/encode-archive';
import { emptyArchive, makePost, makeThread } from './archive-fixtures';

describe('what a thread page adds to a thread survives a backup', () => {
  it('keeps a derived title, an old-forum message id, the accepted-answer marker and a cut post', () => {
    const thread = makeThread('fp-abc', 'My tunnel stalls…', {
      titleDerived: true,
      legacyMessageId: '305518',
      acceptedAnswer: { by: 'DTS Engineer', postId: null },
      replies: null,
    });
    const post = { ...makePost('fp-abc', 0, 'My tunnel stalls after a Wi-Fi chan'), cut: true };
    const archive = { ...emptyArchive(), threads: [thread], posts: [post] };
    const decoded = decodeArchive(encodeArchive(archive), 'backup.json');
    expect(decoded.threads).toEqual([thread]);
    expect(decoded.posts).toEqual([post]);
  });

  it('writes nothing new for a thread without them, so older archives stay byte-identical', () => {
    const archive = { ...emptyArchive(), threads: [makeThread('1', 'T')], posts: [makePost('1', 0, 'Q')] };
    const text = encodeArchive(archive);
    expect(text).not.toMatch(/titleDerived|legacyMessageId|acceptedAnswer|"cut"/);
    expect(decodeArchive(text, 'a.json').threads[0]).not.toHaveProperty('acceptedAnswer');
  });
});
