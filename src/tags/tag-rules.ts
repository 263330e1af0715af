/**
 * Which forum tag a thread is about, read from its title and question. One row a tag:
 *
 * - `strong`: API names and phrases specific enough that one mention means the thread is about
 *   that technology (`NWConnection`, `SecTrust`, `NEFilterDataProvider`);
 * - `weak`: words that also turn up in passing — a log line, a pointer to another post, a server
 *   being "ATS compliant". They count only when two different ones appear, or one in the title.
 *
 * Order is the order the UI lists tags in.
 */
export interface TagRule {
  tag: string;
  strong: RegExp[];
  weak?: RegExp[];
}

export const TAG_RULES: readonly TagRule[] = [
  {
    tag: 'Network',
    strong: [
      /\bNetwork\.framework\b|\bNetwork framework\b/i,
      /\bNW(Connection|Listener|Browser|Endpoint|Parameters|PathMonitor|Path|Interface|Protocol\w*|Error)\b/,
      // Quinn's posts say where questions go: "tag it with Network", "the Network tag".
      /\btag (?:it )?with Network\b(?! Extension)|\bthe Network tag\b/,
    ],
    // `nw_…` names mostly appear in pasted system logs, not in the poster's code.
    weak: [/\bnw_[a-z_]+/],
  },
  {
    tag: 'Network Extension',
    strong: [
      /\bNetwork ?Extension\b/i,
      /\bNE[A-Z][a-z]\w*(Provider|Manager|Configuration|Flow|Settings|Helper|Rule)\b/,
      /\bpacket tunnel\b|\bPacketTunnel\w*/i,
      /\btransparent proxy\b|\bcontent filter\b/i,
      /\bNECP\b/,
    ],
  },
  { tag: 'Core WLAN', strong: [/\bCore ?WLAN\b/i, /\bCW(Interface|WiFiClient|Network|Configuration)\b/] },
  {
    tag: 'Bonjour',
    strong: [
      /\bBonjour\b/i,
      /\bNS?NetService\w*/,
      /\bNWBrowser\b/,
      /\bDNSService\w+/,
      /\bdns-sd\b/i,
      /\b_[a-z0-9-]+\._(tcp|udp)\b/,
    ],
    weak: [/\bmDNS\b|\bmulticast DNS\b/i],
  },
  // The forum files URLSession questions under Foundation and CFNetwork alike (see the
  // "Networking Resources" post), and CFNetwork diagnostic logging is CFNetwork's.
  { tag: 'CFNetwork', strong: [/\bCFNetwork\b/, /\bCF(Stream|HTTP|Socket|Host)\w*/, /\bkCFErrorDomainCFNetwork\b/] },
  { tag: 'Foundation', strong: [/\bNS?URLSession\w*/, /\bNSURLConnection\b/, /\bNSURLError\w*/, /\bURLRequest\b/] },
  {
    tag: 'Security',
    strong: [
      /\bSecTrust\w*|\bSecIdentity\w*|\bSecCertificate\w*|\bkSecTrust\w*/,
      /\berrSSL\w+/,
      /\bNSURLErrorServerCertificate\w*|\bNSURLErrorClientCertificate\w*/,
      /\bcertificate pinning\b|\bserver trust\b|\bclient certificates?\b|\bTLS handshake\b/i,
    ],
    // TLS and ATS are named in passing all the time ("TLS 1.3 took 0.1s", "ATS compliant").
    weak: [/\bTLS\b/, /\bApp Transport Security\b|\bATS\b/, /\bcertificates?\b/i],
  },
  { tag: 'QUIC', strong: [/\bQUIC\b/], weak: [/\bHTTP\/3\b|\bH3\b/] },
  { tag: '5G', strong: [/\b5G\b/, /\bnetwork slicing\b/i] },
  {
    tag: 'Core Bluetooth',
    strong: [/\bCore ?Bluetooth\b/i, /\bCB(CentralManager|Peripheral\w*|Characteristic|UUID)\b/],
    weak: [/\bBLE\b|\bBluetooth Low Energy\b|\bBluetooth LE\b/],
  },
  {
    tag: 'Multipeer Connectivity',
    strong: [/\bMultipeer ?Connectivity\b/i, /\bMC(Session|NearbyService\w*|PeerID)\b/],
  },
  { tag: 'PushKit', strong: [/\bPushKit\b/, /\bPKPush\w*/], weak: [/\bVoIP push/i] },
  { tag: 'Wi-Fi Aware', strong: [/\bWi-?Fi Aware\b/i, /\bWiFiAware\b/] },
  { tag: 'Matter', strong: [/(?<!\bno )\bMatter\b(?! of\b)/, /\bMatterSupport\b/] },
  { tag: 'NEHotspotHelper', strong: [/\bNEHotspotHelper\b/], weak: [/\bHotspot Helper\b/i] },
  { tag: 'CarPlay', strong: [/\bCarPlay\b/] },
];

/**
 * A post that matches this many tags is an index (like "Networking Resources", which links to
 * every networking topic): tagging it with everything would put it under every tag filter, so it
 * keeps only the tags its title names.
 */
export const INDEX_TAG_COUNT = 6;
