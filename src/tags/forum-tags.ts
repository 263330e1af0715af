/**
 * The forum's networking tags and their URL slugs (from the tag pages: /forums/tags/<slug> and the
 * feeds /forums/tags/rssFeed/<slug>). Used to name the tag a tag page, tag feed or thread page
 * gives explicitly. Slugs marked "guess" were not seen on the forum.
 */
export interface ForumTag {
  name: string;
  slug: string;
}

export const FORUM_TAGS: readonly ForumTag[] = [
  { name: 'Network', slug: 'network' },
  { name: 'Network Extension', slug: 'networkextension' },
  { name: 'CFNetwork', slug: 'cfnetwork' },
  { name: 'Core WLAN', slug: 'core-wlan' },
  { name: 'Bonjour', slug: 'bonjour' },
  { name: 'QUIC', slug: 'quic' },
  { name: 'Multipeer Connectivity', slug: 'multipeerconnectivity' },
  { name: 'NetworkingDriverKit', slug: 'networkingdriverkit' },
  { name: 'Foundation', slug: 'foundation' }, // guess
  { name: 'Security', slug: 'security' }, // guess
  { name: '5G', slug: '5g' }, // guess
  { name: 'Wi-Fi Aware', slug: 'wi-fi-aware' }, // guess
  { name: 'Core Bluetooth', slug: 'core-bluetooth' }, // guess
  { name: 'PushKit', slug: 'pushkit' }, // guess
  { name: 'Matter', slug: 'matter' }, // guess
];

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The tag's canonical name for a name as a page spells it (`Core WLAN`, `corewlan`), or null. */
export function tagByName(name: string): string | null {
  const key = squash(name);
  if (key === '') return null;
  return FORUM_TAGS.find((t) => squash(t.name) === key || squash(t.slug) === key)?.name ?? null;
}

/** The tag a tag page or tag feed URL is about (`…/forums/tags/rssFeed/network`), or null. */
export function tagFromUrl(url: string): string | null {
  const m = /\/forums\/tags\/(?:rssFeed\/)?([A-Za-z0-9._-]+)/.exec(url);
  if (!m) return null;
  const slug = m[1]!.toLowerCase();
  return FORUM_TAGS.find((t) => t.slug === slug)?.name ?? null;
}
