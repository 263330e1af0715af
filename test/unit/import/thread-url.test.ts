import { describe, expect, it } from 'vitest';
import { parseThreadUrl } from '../../../src/import/thread-url';

describe('parseThreadUrl', () => {
  it.each([
    ['https://developer.apple.com/forums/thread/788211', '788211', null],
    ['https://developer.apple.com/forums/thread/788211?answerId=844512022#844512022', '788211', '844512022'],
    ['https://developer.apple.com/forums/thread/788211/', '788211', null],
    // Pre-2020 forum and its single-post links.
    ['https://forums.developer.apple.com/thread/106838', '106838', null],
    ['https://forums.developer.apple.com/forums/thread/106838', '106838', null],
    ['https://origin-devforums.apple.com/forums/thread/788211', '788211', null],
    // Mirrors copy the path.
    ['https://or.narouhz.com/forums/thread/788211', '788211', null],
    ['http://developer.666112.xyz/forums/thread/788211#844512022', '788211', '844512022'],
  ])('%s', (url, threadId, postId) => {
    expect(parseThreadUrl(url)).toEqual({
      threadId,
      postId,
      canonical: `https://developer.apple.com/forums/thread/${threadId}`,
    });
  });

  it('reads an old-forum message link as a post whose thread is unknown', () => {
    expect(parseThreadUrl('https://forums.developer.apple.com/message/301847')).toEqual({
      threadId: null,
      postId: '301847',
      canonical: null,
    });
  });

  it.each([
    'https://developer.apple.com/forums/tags/network',
    'https://developer.apple.com/forums/topics/app-and-system-services',
    'not a url',
  ])('%s names no thread', (url) => expect(parseThreadUrl(url)).toBeNull());
});
