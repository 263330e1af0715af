import { describe, expect, it } from 'vitest';
import { inferTags } from '../../../src/tags/infer-tags';
import { tagByName, tagFromUrl } from '../../../src/tags/forum-tags';

describe('inferTags', () => {
  it.each([
    ['a strong API name is enough', 'Crash', 'my NWConnection never becomes ready', ['Network']],
    ['one weak word is not', 'Slow downloads', 'the server is ATS compliant', []],
    ['two different weak words are', 'Handshake', 'ATS rejects the certificate our server sends', ['Security']],
    ['a weak word in the title is', 'TLS 1.3 early data', 'does it work?', ['Security']],
    ['nw_ names in a pasted log are weak', 'Relay', 'default curl nw_flow_connected [C1] Transport connected', []],
    ['QUIC counts alone; H3 does not', 'H3', 'nothing else', ['QUIC']],
    ['"no Matter what" is not Matter', 'Odd', 'no Matter what I do it fails', []],
    ['tags come in table order', 'Bonjour', 'NWBrowser finds it', ['Network', 'Bonjour']],
  ])('%s', (_why, title, body, tags) => {
    expect(inferTags(title, body)).toEqual(tags);
  });

  it('keeps only title tags for an index post that names many technologies', () => {
    const body = 'Network framework, Network Extension, Core WLAN, Bonjour, CFNetwork, URLSession, SecTrust, QUIC, 5G';
    expect(inferTags('Resources', body)).toEqual([]);
    expect(inferTags('QUIC Resources', body)).toEqual(['QUIC']);
  });
});

describe('forum tags', () => {
  it.each([
    ['Core WLAN', 'Core WLAN'],
    ['corewlan', 'Core WLAN'],
    ['network extension', 'Network Extension'],
    ['Networking', null],
    ['', null],
  ])('tagByName(%j) = %j', (name, tag) => expect(tagByName(name)).toBe(tag));

  it.each([
    ['https://developer.apple.com/forums/tags/rssFeed/network', 'Network'],
    ['https://developer.apple.com/forums/tags/networkextension?page=5', 'Network Extension'],
    ['https://developer.apple.com/forums/topics/app-and-system-services', null],
    ['https://developer.apple.com/forums/tags/unknown-tag', null],
  ])('tagFromUrl(%s) = %j', (url, tag) => expect(tagFromUrl(url)).toBe(tag));
});
