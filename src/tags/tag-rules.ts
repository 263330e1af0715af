/**
 * Which forum tag a thread is about, read from its title and body. One row a tag: the patterns are
 * API names and phrases specific enough that a match means the thread is about that technology.
 * Order is the order the UI lists tags in.
 */
export interface TagRule {
  tag: string;
  patterns: RegExp[];
}

export const TAG_RULES: readonly TagRule[] = [
  {
    tag: 'Network',
    patterns: [
      /\bNetwork\.framework\b|\bNetwork framework\b/i,
      /\bNW(Connection|Listener|Browser|Endpoint|Parameters|PathMonitor|Path|Protocol\w*|Error)\b/,
      /\bnw_[a-z_]+/,
    ],
  },
  {
    tag: 'Network Extension',
    patterns: [
      /\bNetwork ?Extension\b/i,
      /\bNE[A-Z][a-z]\w*(Provider|Manager|Configuration|Flow|Settings|Helper|Rule)\b/,
      /\bpacket tunnel\b|\bPacketTunnel\w*/i,
      /\btransparent proxy\b|\bcontent filter\b/i,
      /\bNECP\b/,
    ],
  },
  { tag: 'Core WLAN', patterns: [/\bCore ?WLAN\b/i, /\bCW(Interface|WiFiClient|Network|Configuration)\b/] },
  {
    tag: 'Bonjour',
    patterns: [
      /\bBonjour\b/i,
      /\bNS?NetService\w*/,
      /\bNWBrowser\b/,
      /\bDNSService\w+/,
      /\bmDNS\b|\bdns-sd\b/i,
      /\b_[a-z0-9-]+\._(tcp|udp)\b/,
    ],
  },
  { tag: 'CFNetwork', patterns: [/\bCFNetwork\b/, /\bCF(Stream|HTTP|Socket|Host)\w*/, /\bkCFErrorDomainCFNetwork\b/] },
  { tag: 'Foundation', patterns: [/\bNS?URLSession\w*/, /\bNSURLConnection\b/, /\bNSURLError\w*/, /\bURLRequest\b/] },
  {
    tag: 'Security',
    patterns: [
      /\bTLS\b/,
      /\bSecTrust\w*|\bSecIdentity\w*|\bSecCertificate\w*/,
      /\berrSSL\w+/,
      /\bApp Transport Security\b|\bATS\b/,
      /\bcertificate pinning\b|\bserver trust\b/i,
    ],
  },
  { tag: 'QUIC', patterns: [/\bQUIC\b/, /\bHTTP\/3\b|\bH3\b/] },
  { tag: '5G', patterns: [/\b5G\b/, /\bnetwork slicing\b/i] },
  {
    tag: 'Core Bluetooth',
    patterns: [
      /\bCore ?Bluetooth\b/i,
      /\bCB(CentralManager|Peripheral\w*|Characteristic|UUID)\b/,
      /\bBLE\b|\bBluetooth Low Energy\b/,
    ],
  },
  {
    tag: 'Multipeer Connectivity',
    patterns: [/\bMultipeer ?Connectivity\b/i, /\bMC(Session|NearbyService\w*|PeerID)\b/],
  },
  { tag: 'PushKit', patterns: [/\bPushKit\b/, /\bPKPush\w*/, /\bVoIP push/i] },
  { tag: 'Wi-Fi Aware', patterns: [/\bWi-?Fi Aware\b/i, /\bWiFiAware\b/] },
  { tag: 'Matter', patterns: [/(?<!\bno )\bMatter\b(?! of\b)/, /\bMatterSupport\b/] },
  { tag: 'NEHotspotHelper', patterns: [/\bNEHotspotHelper\b/] },
  { tag: 'CarPlay', patterns: [/\bCarPlay\b/] },
];
