/** Links ForumKB opens in the system browser: https only, and only to these hosts. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'developer.apple.com',
  'forums.developer.apple.com',
  'support.apple.com',
  'help.apple.com',
  'feedbackassistant.apple.com',
  'github.com',
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
    url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_HOSTS.includes(url.hostname)
  );
}
