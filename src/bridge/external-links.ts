/**
 * Links ForumKB opens in the system browser: https on its own port only, and only to these hosts,
 * all Apple's or the standards bodies'. No host that serves what its users upload (github.com,
 * gists, raw user content): a forum post could otherwise send a reader to anything hosted there.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'developer.apple.com',
  'forums.developer.apple.com',
  'support.apple.com',
  'help.apple.com',
  'feedbackassistant.apple.com',
  'www.rfc-editor.org',
  'datatracker.ietf.org',
];

export function isAllowedExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' && // the URL parser drops the default port: '' is 443, anything else is named
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_HOSTS.includes(url.hostname)
  );
}
