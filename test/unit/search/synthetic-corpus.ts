/**
 * A seeded synthetic forum with the shape of real networking threads: titles, bodies mixing prose
 * with code, error logs and codes, replies, tags, authors, counts and dates. Shared by the segment
 * tests and the search bench; the same seed always gives the same threads.
 */
import { ERROR_CODES } from '../../../src/search/error-codes';
import type { Post, ThreadRecord } from '../../../src/model';

/** mulberry32: small, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the a to and of is in it that for with on this but not my app when i have are be can from
  as if so do you or at what was an using use we there any how all get after which one does would`.split(/\s+/);

const DOMAIN_WORDS = `network connection request response server client socket timeout tunnel proxy packet
  filter extension provider flow traffic certificate trust handshake session background download upload
  data task error crash fail failed failing works working device simulator iphone ipad mac macos ios
  watchos wifi cellular interface route address port host dns resolve resolver bonjour service browse
  advertise listener peer multicast broadcast udp tcp quic tls http https websocket stream buffer read
  write close cancel retry reconnect latency bandwidth throughput vpn configuration profile entitlement
  permission privacy local authorization prompt system settings restart reboot update upgrade install
  version beta release log console debug trace capture wireshark rvi instruments sample project code
  delegate callback completion handler queue thread main async await swift objective header framework
  library api documentation forum question answer thanks help issue problem bug feedback report radar
  behaviour expected unexpected intermittent random sometimes always never immediately seconds minutes
  user customer production testing enterprise mdm managed supervised keychain identity key private public`.split(/\s+/);

const APIS = `URLSession URLSessionDataTask NSURLSession NSURLSessionDataTask URLSessionConfiguration
  NWConnection NWListener NWBrowser NWPathMonitor NWEndpoint NWParameters nw_connection_t nw_listener_t
  nw_path_monitor_t nw_parameters_t NEPacketTunnelProvider NEFilterDataProvider NEFilterPacketProvider
  NETransparentProxyProvider NEAppProxyProvider NEDNSProxyProvider NEHotspotHelper NEHotspotConfiguration
  NEVPNManager NETunnelProviderManager NEFilterManager NEFilterFlow NEFilterNewFlowVerdict
  SecTrustEvaluateWithError SecTrustRef SecIdentityRef CFSocketStream CFNetServiceBrowser NetService
  NetServiceBrowser DNSServiceBrowse DNSServiceRegister getaddrinfo CFHost URLRequest HTTPURLResponse
  URLSessionWebSocketTask NSURLErrorDomain kCFErrorDomainCFNetwork NSPOSIXErrorDomain sec_protocol_options_t
  URLSession.shared.dataTask NWConnection.State.waiting SCNetworkReachability CWWiFiClient`.split(/\s+/);

export const TAGS = [
  'Network',
  'Network Extension',
  'CFNetwork',
  'Foundation',
  'Security',
  'Bonjour',
  'Core WLAN',
  'QUIC',
  'NEHotspotHelper',
  'Multipeer Connectivity',
  'Wi-Fi Aware',
  'Core Bluetooth',
  'PushKit',
  '5G',
];

const NUMERIC_CODES = ERROR_CODES.filter((e) => /^-?\d+$/.test(e.code));

export interface CorpusOptions {
  seed?: number;
  /** Distinct made-up words beyond the built-in ones, Zipf-distributed like real vocabularies. */
  vocabulary?: number;
  /** Sequence start, so two batches of one corpus never share ids. */
  firstId?: number;
}

/** Pseudo-words from syllables: a vocabulary of realistic size without a dictionary. */
function makeVocabulary(random: () => number, size: number): string[] {
  const syllables = `ka lo mi ne ra te su vi do pa re shi to na fe go li mu ber con tion ing ver ent ist`.split(' ');
  const words = new Set<string>();
  while (words.size < size) {
    let word = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) word += syllables[Math.floor(random() * syllables.length)];
    words.add(word);
  }
  return [...words];
}

/** Picks rank r with probability ∝ 1/r (Zipf), via a precomputed cumulative table. */
function zipf(random: () => number, items: readonly string[]): () => string {
  const cumulative = new Float64Array(items.length);
  let sum = 0;
  for (let i = 0; i < items.length; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as string;
  };
}

export function* syntheticThreads(count: number, options: CorpusOptions = {}): Generator<ThreadRecord> {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rare = zipf(random, makeVocabulary(random, options.vocabulary ?? 40_000));
  const domain = zipf(random, DOMAIN_WORDS);
  const authors = Array.from({ length: 800 }, (_, i) => `user${i.toString(36)}`);
  const word = () => {
    const x = random();
    // Roughly a forum post's mix: function words, networking words, a long tail, some API names.
    return x < 0.4 ? pick(COMMON) : x < 0.6 ? domain() : x < 0.98 ? rare() : pick(APIS);
  };
  const codeLine = () => {
    const code = pick(NUMERIC_CODES);
    switch (Math.floor(random() * 5)) {
      case 0:
        return `Error Domain=${code.domain.split(' ')[0]} Code=${code.code} "${code.meaning}"`;
      case 1:
        return `fails with ${code.symbol} (${code.code})`;
      case 2:
        return `let task = ${pick(APIS)}(with: request) { data, response, error in print(error) }`;
      case 3:
        return `crash report exception 0x${Math.floor(random() * 0xffffffff)
          .toString(16)
          .toUpperCase()} in ${pick(APIS)}`;
      default:
        return `error ${code.code}`;
    }
  };
  const prose = (words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      out.push(random() < 0.015 ? codeLine() : word());
      if (random() < 0.08) out.push('.');
    }
    return out.join(' ');
  };
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const first = options.firstId ?? 1;
  for (let n = 0; n < count; n++) {
    const id = String(700_000 + first + n);
    const replyCount = random() < 0.3 ? 0 : Math.floor(random() * 7);
    const author = random() < 0.02 ? 'Quinn “The Eskimo!”' : pick(authors);
    const accepted = replyCount > 0 && random() < 0.25 ? 1 + Math.floor(random() * replyCount) : -1;
    const date = new Date(start + random() * span).toISOString();
    const posts: Post[] = [];
    for (let i = 0; i <= replyCount; i++) {
      posts.push({
        id: `${id}#${i}`,
        threadId: id,
        index: i,
        author: i === 0 ? author : random() < 0.15 ? 'Quinn “The Eskimo!”' : pick(authors),
        date,
        body: prose(i === 0 ? 60 + Math.floor(random() * 140) : 20 + Math.floor(random() * 100)),
        boosts: Math.floor(random() * 3),
        accepted: i === accepted,
      });
    }
    const title = Array.from({ length: 4 + Math.floor(random() * 8) }, () =>
      random() < 0.15 ? pick(APIS) : random() < 0.05 ? pick(NUMERIC_CODES).code : domain(),
    ).join(' ');
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(TAGS)))];
    yield {
      thread: {
        id,
        fingerprint: `fp-${id}`,
        titleKey: title.toLowerCase(),
        title,
        url: `https://developer.apple.com/forums/thread/${id}`,
        author,
        tags,
        inferredTags: [],
        replies: replyCount,
        boosts: Math.floor(random() * 10),
        views: Math.floor(20 / (random() + 0.002)),
        activity: { raw: null, date },
        capturedAt: date,
        isResource: author.startsWith('Quinn') && random() < 0.2,
        excerpt: (posts[0]?.body ?? '').slice(0, 200),
        sources: ['feed'],
      },
      posts,
    };
  }
}
