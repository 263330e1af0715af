/**
 * A small networking forum written for ForumKB's relevance evaluation (test/bench/relevance-bench.ts
 * and test/unit/search/relevance.test.ts), with judged queries.
 *
 * Every thread is invented, in the style of Apple's Networking forum: the same API written several
 * ways, typos, Japanese posts, error messages quoted without their code, the same number meaning
 * different things in different error domains, and near misses that a careless engine returns.
 *
 * Judgments: `relevant` lists every thread a user typing the query wants to see; `top`, when
 * given, lists the threads that should come first (MRR is measured against them); `none` marks a
 * query whose right answer is no result at all (an unknown operator, a code no thread contains).
 */
import type { ThreadRecord } from '../../../src/model';

export type Category = 'api' | 'typo' | 'japanese' | 'message' | 'domain' | 'symbol' | 'filter' | 'words';

export interface CorpusThread {
  id: string;
  title: string;
  body: string;
  replies?: string[];
  tags?: string[];
  bookmarked?: boolean;
  notes?: boolean;
  resource?: boolean;
  answered?: boolean;
  author?: string;
}

/** A view the user has selected in the sidebar; the search runs inside it. */
export type Scope = 'bookmarks' | 'notes' | 'resources';

export interface JudgedQuery {
  category: Category;
  query: string;
  relevant: string[];
  top?: string[];
  none?: boolean;
  scope?: Scope;
  /** The user is still typing the last word (prefix completion). Default false. */
  typing?: boolean;
  /** Written after the ranking work was done and never tuned for: an out-of-sample check. */
  heldOut?: boolean;
}

export const THREADS: CorpusThread[] = [
  // --- Packet tunnel providers, written every way people write them.
  {
    id: 'ptp1',
    title: 'NEPacketTunnelProvider stops after the device sleeps',
    body: 'Our NEPacketTunnelProvider subclass runs fine for hours, then after the phone sleeps overnight startTunnel is never called again. Is there a watchdog that kills the extension?',
    replies: ['Check the system log for the extension being jetsammed; memory limits are tight for tunnel extensions.'],
    tags: ['Network Extension'],
    bookmarked: true,
  },
  {
    id: 'ptp2',
    title: 'PacketTunnelProvider never receives packets on macOS',
    body: 'My PacketTunnelProvider sets includedRoutes to the default route, but readPackets never returns anything. The tunnel provider shows connected in System Settings.',
    tags: ['Network Extension'],
  },
  {
    id: 'ptp3',
    title: 'Sharing a keychain item with the NEPacketTunnelProvider',
    body: 'The container app stores a token in the keychain; the NEPacketTunnelProvider cannot read it. Access group is set on both targets.',
    tags: ['Network Extension'],
    answered: true,
  },
  {
    id: 'ptp4',
    title: 'Memory limit for the tunnel extension',
    body: 'class PacketTunnelProvider: NEPacketTunnelProvider { … } gets killed at 50 MB. Is the limit documented anywhere?',
    tags: ['Network Extension'],
  },
  {
    id: 'ptp5',
    title: 'How to restart the tunnel from the container app',
    body: 'I want the app to tell my PacketTunnelProvider to reconnect after a settings change without tearing the VPN down.',
    replies: ['Send a message with sendProviderMessage and reapply settings with setTunnelNetworkSettings.'],
    tags: ['Network Extension'],
  },
  {
    id: 'flow1',
    title: 'NEPacketTunnelFlow writePackets drops large packets',
    body: 'Writing 9000 byte packets with NEPacketTunnelFlow silently drops them; 1400 byte ones are fine. MTU is set to 1500.',
    tags: ['Network Extension'],
  },
  {
    id: 'proxy1',
    title: 'NEAppProxyProvider flow handling for UDP',
    body: 'Our app proxy provider gets NEAppProxyUDPFlow objects but readDatagrams returns empty arrays. TCP flows work.',
    tags: ['Network Extension'],
  },
  // --- Network framework connections, Swift and C.
  {
    id: 'nwc1',
    title: 'NWConnection stuck in waiting state on cellular',
    body: 'An NWConnection to our server stays in .waiting with an unsatisfied path on cellular only. Wi-Fi is fine.',
    tags: ['Network'],
  },
  {
    id: 'nwc2',
    title: 'nw_connection_t crashes when cancelled from the handler',
    body: 'In C, calling nw_connection_cancel inside the state changed handler of an nw_connection_t crashes with a use after free in libnetwork.',
    tags: ['Network'],
  },
  {
    id: 'nwc3',
    title: 'How to receive a length-prefixed message with NWConnection',
    body: 'I call receive(minimumIncompleteLength:maximumLength:) on NWConnection but sometimes get half a message. Should I use a framer?',
    replies: ['Yes, NWProtocolFramer is the way to do message framing on top of TCP.'],
    tags: ['Network'],
    answered: true,
  },
  {
    id: 'sock1',
    title: 'BSD sockets connection refused on the simulator',
    body: 'A plain socket connect to localhost fails. The server is running; the connection never gets through.',
    tags: ['Network'],
  },
  // --- URLSession.
  {
    id: 'us1',
    title: 'URLSession download task restarts from zero',
    body: 'A URLSession download of a 2 GB file restarts from zero when the app comes back to the foreground. Resume data is nil.',
    tags: ['CFNetwork'],
  },
  {
    id: 'us2',
    title: 'NSURLSession delegate not called in Objective-C',
    body: 'Legacy code creates an NSURLSession with a delegate queue but didReceiveChallenge is never called.',
    tags: ['CFNetwork'],
  },
  {
    id: 'us3',
    title: 'Sharing cookies between web view and network requests',
    body: 'Requests made with URLSession.shared.dataTask do not carry the cookies the WKWebView received.',
    tags: ['CFNetwork'],
  },
  {
    id: 'sess1',
    title: 'Session ticket reuse for TLS resumption',
    body: 'Does the system reuse TLS session tickets between app launches? We see a full handshake each time.',
    tags: ['Security'],
  },
  // --- Content filters.
  {
    id: 'cf1',
    title: 'NEFilterDataProvider sees no flows from Safari',
    body: 'Our NEFilterDataProvider handleNewFlow is called for curl but never for Safari on macOS 15.',
    tags: ['Network Extension'],
  },
  {
    id: 'cf2',
    title: 'FilterDataProvider memory keeps growing',
    body: 'The FilterDataProvider in our system extension grows to 300 MB after a day of browsing. Are flows retained somewhere?',
    tags: ['Network Extension'],
  },
  {
    id: 'cf3',
    title: 'NEFilterControlProvider rules update',
    body: 'How does the NEFilterControlProvider push new rules to the data side without a restart?',
    tags: ['Network Extension'],
  },
  // --- Paths.
  {
    id: 'path1',
    title: 'NWPathMonitor reports satisfied while offline',
    body: 'NWPathMonitor says the path is satisfied although the captive portal blocks all traffic.',
    tags: ['Network'],
  },
  {
    id: 'path2',
    title: 'nw_path_monitor_t update handler called twice',
    body: 'Using nw_path_monitor_t from C, the update handler fires twice for a single Wi-Fi change.',
    tags: ['Network'],
  },
  // --- Trust and certificates.
  {
    id: 'cert1',
    title: 'Server certificate is invalid after renewal',
    body: 'Since we renewed the certificate the app fails trust evaluation. SecTrustEvaluateWithError says the certificate is invalid; browsers are happy.',
    replies: ['Your server no longer sends the intermediate certificate. Fix the chain.'],
    tags: ['Security'],
    answered: true,
  },
  {
    id: 'cert2',
    title: 'Invalid certificate chain with a private CA',
    body: 'We install our own root CA with a profile. Connections fail with an invalid certificate chain until the user enables full trust.',
    tags: ['Security'],
    notes: true,
  },
  {
    id: 'certd1',
    title: 'App Store certification fails with an invalid entitlement',
    body: 'Our app was certified last year; now certification of the new build is rejected for an invalid entitlement value.',
    tags: ['App Store'],
  },
  {
    id: 'certd2',
    title: 'Is a certified MFi accessory required for Wi-Fi setup',
    body: 'Our hardware is not certified. Can we still use the accessory setup flow, or is that invalid for non-MFi devices?',
    tags: ['Wi-Fi'],
  },
  {
    id: 'pin1',
    title: 'Certificate pinning with URLSession and a CDN',
    body: 'We pin the leaf certificate in urlSession(_:didReceive:completionHandler:). The CDN rotates certificates weekly and pinning breaks.',
    replies: ['Pin the public key of your own intermediate, not the leaf.'],
    tags: ['Security'],
  },
  // --- Bonjour and local network.
  {
    id: 'bj1',
    title: 'Bonjour browse finds nothing on iOS 17',
    body: 'NWBrowser for _myservice._tcp returns no results. NSBonjourServices lists the type and local network access was allowed.',
    tags: ['Bonjour'],
  },
  {
    id: 'bj2',
    title: 'Advertising a Bonjour service with a TXT record',
    body: 'How do I attach a TXT record when advertising with NWListener? The service shows up but the record is empty.',
    tags: ['Bonjour'],
  },
  {
    id: 'lnp1',
    title: 'Local network privacy prompt never appears',
    body: 'The local network privacy prompt does not show on first launch, so multicast sends fail silently.',
    tags: ['Network'],
  },
  {
    id: 'lnp2',
    title: 'Resetting the local network permission for testing',
    body: 'Is there a way to make the privacy prompt for local network access appear again without erasing the device?',
    replies: ['Delete the app and change the bundle id, or reset all settings.'],
    tags: ['Network'],
  },
  {
    id: 'mc1',
    title: 'Multicast entitlement request approved but sends still fail',
    body: 'We got the com.apple.developer.networking.multicast entitlement; sending to 224.0.0.251 still fails with EHOSTUNREACH.',
    tags: ['Network'],
  },
  // --- Error codes and their messages.
  {
    id: 'm1',
    title: 'Uploads fail with -1001 on slow networks',
    body: 'Large uploads fail with NSURLErrorDomain -1001 after 60 seconds even though timeoutIntervalForResource is an hour.',
    tags: ['CFNetwork'],
  },
  {
    id: 'm2',
    title: 'Requests to our API gateway hang then fail',
    body: 'About one request in fifty hangs and then fails with "The request timed out." Retrying immediately works.',
    tags: ['CFNetwork'],
  },
  {
    id: 'm3',
    title: 'NSURLErrorTimedOut only on the first request after launch',
    body: 'The very first request after a cold launch fails with NSURLErrorTimedOut; later ones succeed.',
    tags: ['CFNetwork'],
  },
  {
    id: 'm4',
    title: 'Downloads interrupted when the screen locks',
    body: 'While the screen locks during a download the task fails with "The network connection was lost." What keeps it alive?',
    tags: ['CFNetwork'],
  },
  {
    id: 'm5',
    title: 'Error -1005 when reusing a connection',
    body: 'Our HTTP/1.1 server closes idle connections after 5 seconds and the next request fails with -1005.',
    replies: [
      'That is the server closing a keep-alive connection the client wanted to reuse; retry idempotent requests.',
    ],
    tags: ['CFNetwork'],
  },
  {
    id: 'm6',
    title: 'NSURLErrorNetworkConnectionLost with HTTP/3',
    body: 'After enabling HTTP/3 we see NSURLErrorNetworkConnectionLost on about one percent of requests.',
    tags: ['CFNetwork', 'QUIC'],
  },
  {
    id: 'm7',
    title: 'Hostname not found only on some networks',
    body: 'Users on one carrier get "A server with the specified hostname could not be found." The name resolves fine elsewhere.',
    tags: ['CFNetwork'],
  },
  {
    id: 'm8',
    title: 'Self-signed server in development',
    body: 'Connecting to our dev box fails with "The certificate for this server is invalid." How do I trust it only in debug builds?',
    tags: ['Security'],
  },
  {
    id: 'ka1',
    title: 'Keepalive timeout on idle TCP connections',
    body: 'The handshake timed out waiting for the peer, and idle connections drop after two minutes. How do I set the keepalive timeout on NWConnection?',
    tags: ['Network'],
  },
  {
    id: 'hs1',
    title: 'TLS handshake failed with a load balancer',
    body: 'The handshake failed with errSSLPeerHandshakeFail when the load balancer only offers TLS 1.3 ciphers.',
    tags: ['Security'],
  },
  // --- Domains: the same number in different error domains.
  {
    id: 'd1',
    title: 'saveToPreferences fails with NEVPNErrorDomain Code=5',
    body: 'Saving the VPN configuration fails: Error Domain=NEVPNErrorDomain Code=5 "IPC failed". Happens after reinstalling the app.',
    tags: ['Network Extension'],
  },
  {
    id: 'd4',
    title: 'NEVPNErrorConfigurationReadWriteFailed on managed devices',
    body: 'On supervised devices loadAllFromPreferences returns NEVPNErrorConfigurationReadWriteFailed; unmanaged ones work.',
    tags: ['Network Extension'],
  },
  {
    id: 'd2',
    title: 'Hotspot configuration error Code=5',
    body: 'NEHotspotConfigurationManager apply fails with Error Domain=NEHotspotConfigurationErrorDomain Code=5 for our Passpoint profile.',
    tags: ['Wi-Fi'],
  },
  {
    id: 'd3',
    title: 'App proxy flow aborted, Code=5',
    body: 'Flows in our app proxy end with Error Domain=NEAppProxyErrorDomain Code=5 when the remote side resets.',
    tags: ['Network Extension'],
  },
  {
    id: 'd5',
    title: 'Network is down right after waking',
    body: 'Error Domain=NSPOSIXErrorDomain Code=50 "Network is down" from our socket right after the Mac wakes from sleep.',
    tags: ['Network'],
  },
  {
    id: 'd6',
    title: 'ECONNABORTED on accept after backgrounding',
    body: 'Our listener gets ECONNABORTED from accept when the app returns from the background.',
    tags: ['Network'],
  },
  {
    id: 'd7',
    title: 'Socket read fails with error 53',
    body: 'recv fails with error 53 after the phone switches from Wi-Fi to cellular.',
    tags: ['Network'],
  },
  {
    id: 'log1',
    title: 'Console full of nw_connection errors',
    body: 'The console shows nw_connection_copy_connected_local_endpoint [C7] Error [12:0x600002e1c000] not connected, over and over. Is it harmful?',
    tags: ['Network'],
  },
  {
    id: 'log2',
    title: 'What does this nw_connection log line mean',
    body: 'Seeing nw_connection_get_connected_socket [C3] Error [4:0x28210c000] in Xcode whenever a request starts.',
    tags: ['Network'],
  },
  {
    id: 'mem1',
    title: 'ENOMEM when opening many sockets',
    body: 'Opening 5000 sockets eventually fails with ENOMEM. Is there a per-process limit on iOS?',
    tags: ['Network'],
  },
  {
    id: 'vpn12',
    title: 'VPN disconnects with plugin failed',
    body: 'fetchLastDisconnectError reports NEVPNConnectionErrorPluginFailed every few hours; the tunnel process crashed.',
    tags: ['Network Extension'],
  },
  // --- Symbols and numbers.
  {
    id: 'sym1',
    title: 'ENETDOWN from send after toggling airplane mode',
    body: 'sendto returns ENETDOWN for a few seconds after airplane mode is switched off.',
    tags: ['Network'],
  },
  {
    id: 'sym2',
    title: 'NWConnection fails with a POSIX error',
    body: 'The state handler reports .failed(POSIXErrorCode(rawValue: 50)) when the VPN comes up.',
    tags: ['Network'],
  },
  {
    id: 'sym3',
    title: 'ECONNREFUSED talking to a local server',
    body: 'Connecting to 127.0.0.1:8080 gives ECONNREFUSED although curl on the Mac works.',
    tags: ['Network'],
  },
  {
    id: 'sym4',
    title: 'connect fails with errno 61',
    body: 'connect() fails with errno 61 when the server is in a Docker container.',
    tags: ['Network'],
  },
  {
    id: 'sym5',
    title: 'EADDRINUSE when restarting the listener',
    body: 'Restarting our NWListener on the same port fails with EADDRINUSE for a minute.',
    replies: ['Set allowLocalEndpointReuse on the parameters.'],
    tags: ['Network'],
    answered: true,
  },
  {
    id: 'sym6',
    title: 'bind fails with errno 48',
    body: 'Our UDP server binds port 5000 and gets errno 48 on macOS Monterey. AirPlay receiver uses that port.',
    tags: ['Network'],
  },
  {
    id: 'sym7',
    title: 'errSSLClosedAbort during upload',
    body: 'Uploads to S3 fail with errSSLClosedAbort about halfway through.',
    tags: ['Security'],
  },
  {
    id: 'sym8',
    title: 'TLS error -9806 with a proxy',
    body: 'Behind the corporate proxy every request fails with -9806.',
    tags: ['Security'],
  },
  // --- Wi-Fi, background transfers, resources.
  {
    id: 'w1',
    title: 'Lost network access after Wi-Fi roaming',
    body: 'When the phone roams between access points we lost network access for ten seconds; the wifi icon stays on.',
    tags: ['Wi-Fi'],
  },
  {
    id: 'w2',
    title: 'Wi-Fi config lost after update',
    body: 'After the update the wifi profile was lost and had to be reinstalled; the network itself is fine.',
    tags: ['Wi-Fi'],
  },
  {
    id: 'w3',
    title: 'Reading the current Wi-Fi SSID',
    body: 'CNCopyCurrentNetworkInfo returns nil on iOS 17. What is needed to read the wifi SSID now?',
    replies: ['Use NEHotspotNetwork.fetchCurrent with the right entitlement and location permission.'],
    tags: ['Wi-Fi'],
  },
  {
    id: 'bg1',
    title: 'Background session download never completes',
    body: 'Downloads started in a background session never call didFinishDownloadingTo if the user force quits.',
    tags: ['CFNetwork'],
    bookmarked: true,
  },
  {
    id: 'bg2',
    title: 'Download progress wrong when resuming',
    body: 'A download resumed in the background reports progress above 100 percent; the session uses the default configuration.',
    tags: ['CFNetwork'],
  },
  {
    id: 'res1',
    title: 'Debugging network problems: a starting point',
    body: 'This post collects the tools for debugging networking: packet traces with rvictl, the CFNetwork diagnostic log, and nscurl.',
    tags: ['Network'],
    resource: true,
    author: 'Quinn “The Eskimo!”',
  },
  {
    id: 'res2',
    title: 'TLS for app developers',
    body: 'A resource post on trust evaluation, certificate pinning trade-offs and TLS versions.',
    tags: ['Security'],
    resource: true,
    author: 'Quinn “The Eskimo!”',
  },
  {
    id: 'dbg1',
    title: 'Debugging a tunnel that will not start',
    body: 'Debugging the tunnel extension is hard: breakpoints in startTunnel are never hit.',
    tags: ['Network Extension'],
  },
  {
    id: 'un1',
    title: 'Still unanswered: proxy settings ignored',
    body: 'My earlier question is still unanswered: the PAC file is ignored by URLSession on macOS.',
    tags: ['CFNetwork'],
  },
  // --- Japanese posts.
  {
    id: 'ja1',
    title: 'Wi-Fi接続が不安定になります',
    body: 'アプリからサーバーへの接続が不安定になり、数分ごとに切れてしまいます。NWConnectionを使っています。',
    tags: ['Network'],
  },
  {
    id: 'ja2',
    title: 'バックグラウンドで接続が不安定',
    body: 'バックグラウンドに移ると接続が時々不安定になります。原因が分かりません。',
    tags: ['Network'],
  },
  {
    id: 'ja3',
    title: '有線LANの接続は安定しています',
    body: '有線LANでは接続は安定していますが、速度が出ません。',
    tags: ['Network'],
  },
  {
    id: 'ja4',
    title: 'VPNトンネルが切断されました',
    body: 'スリープから復帰するとVPNトンネルが切断されます。NEPacketTunnelProviderのstopTunnelが呼ばれます。',
    tags: ['Network Extension'],
  },
  {
    id: 'ja5',
    title: 'パケットトンネルが頻繁に切断される',
    body: 'VPNのパケットトンネルが一時間に数回切断されます。ログにはエラーがありません。',
    tags: ['Network Extension'],
  },
  {
    id: 'ja6',
    title: '証明書エラーで接続できません',
    body: '自己署名の証明書を使うとエラーになり、サーバーに接続できません。',
    tags: ['Security'],
  },
  {
    id: 'ja7',
    title: 'ローカルネットワークの許可ダイアログ',
    body: 'ローカルネットワークへのアクセス許可のダイアログが表示されません。',
    tags: ['Network'],
  },
  {
    id: 'ja8',
    title: 'バックグラウンドダウンロードが止まる',
    body: '大きなファイルのバックグラウンドダウンロードが途中で止まります。',
    tags: ['CFNetwork'],
  },
  {
    id: 'ja9',
    title: 'リクエストがタイムアウトする',
    body: '特定のネットワークでだけリクエストがタイムアウトします。',
    tags: ['CFNetwork'],
  },
  {
    id: 'ja10',
    title: 'トンネルの設定方法',
    body: 'トンネルのMTUを設定する方法を教えてください。',
    tags: ['Network Extension'],
  },
];

const PTP = ['ptp1', 'ptp2', 'ptp3', 'ptp4', 'ptp5'];
const NWC = ['nwc1', 'nwc2', 'nwc3'];
const US = ['us1', 'us2', 'us3'];

export const QUERIES: JudgedQuery[] = [
  // API names: whole, without the prefix, C spelling, prefixes while typing.
  { category: 'api', query: 'NEPacketTunnelProvider', relevant: [...PTP, 'ja4'] },
  { category: 'api', query: 'PacketTunnelProvider', relevant: [...PTP, 'ja4'] },
  { category: 'api', query: 'NEPack', relevant: [...PTP, 'ja4', 'flow1'], typing: true },
  { category: 'api', query: 'nw_connection_t', relevant: [...NWC, 'ja1', 'ka1', 'sym2'], top: ['nwc2'] },
  { category: 'api', query: 'NWConnection', relevant: [...NWC, 'ja1', 'ka1', 'sym2'] },
  { category: 'api', query: 'URLSession', relevant: [...US, 'pin1', 'un1'] },
  { category: 'api', query: 'NSURLSession', relevant: [...US, 'pin1', 'un1'], top: ['us2'] },
  { category: 'api', query: 'NEFilterDataProvider', relevant: ['cf1', 'cf2'] },
  { category: 'api', query: 'nw_path_monitor_t', relevant: ['path1', 'path2'], top: ['path2'] },
  { category: 'api', query: 'NWPathMonitor', relevant: ['path1', 'path2'] },
  { category: 'api', query: 'FilterDataProvider memory', relevant: ['cf2'] },
  // Typos, in words and in identifiers.
  { category: 'typo', query: 'certifcate invalid', relevant: ['cert1', 'cert2', 'm8'] },
  { category: 'typo', query: 'NSURLSesion', relevant: [...US, 'pin1', 'un1'] },
  { category: 'typo', query: 'bonjur', relevant: ['bj1', 'bj2'] },
  { category: 'typo', query: 'bonjur browse', relevant: ['bj1'] },
  { category: 'typo', query: 'recieve NWConnection', relevant: ['nwc3'] },
  {
    category: 'typo',
    query: 'tunel extension',
    // Network Extension is a tag: every tunnel thread under it counts.
    relevant: [...PTP, 'dbg1', 'flow1', 'ja4', 'vpn12'],
    top: ['ptp4', 'dbg1', 'ptp1'],
  },
  { category: 'typo', query: 'handshak failed', relevant: ['hs1'] },
  { category: 'typo', query: 'NWConection', relevant: [...NWC, 'ja1', 'ka1', 'sym2'] },
  { category: 'typo', query: 'certficate pinning', relevant: ['pin1', 'res2'] },
  { category: 'typo', query: 'keepalive timout', relevant: ['ka1'] },
  // Japanese (no spaces between words).
  { category: 'japanese', query: '接続が不安定', relevant: ['ja1', 'ja2'] },
  { category: 'japanese', query: 'トンネル 切断', relevant: ['ja4', 'ja5'] },
  { category: 'japanese', query: '証明書 エラー', relevant: ['ja6'] },
  { category: 'japanese', query: 'ローカルネットワーク', relevant: ['ja7'] },
  { category: 'japanese', query: 'バックグラウンド ダウンロード', relevant: ['ja8'] },
  { category: 'japanese', query: 'VPN 切断', relevant: ['ja4', 'ja5'] },
  { category: 'japanese', query: 'タイムアウト', relevant: ['ja9'] },
  { category: 'japanese', query: '不安定', relevant: ['ja1', 'ja2'] },
  // Error messages and their codes, both ways.
  { category: 'message', query: '-1001', relevant: ['m1', 'm2', 'm3'], top: ['m1'] },
  { category: 'message', query: 'NSURLErrorTimedOut', relevant: ['m1', 'm2', 'm3'], top: ['m3'] },
  { category: 'message', query: '-1005', relevant: ['m4', 'm5', 'm6'], top: ['m5'] },
  { category: 'message', query: 'The request timed out.', relevant: ['m1', 'm2', 'm3'], top: ['m2'] },
  { category: 'message', query: 'the network connection was lost', relevant: ['m4', 'm5', 'm6'], top: ['m4'] },
  { category: 'message', query: '-1003', relevant: ['m7'] },
  { category: 'message', query: 'NSURLErrorCannotFindHost', relevant: ['m7'] },
  { category: 'message', query: '-1202', relevant: ['m8'] },
  // Domains: the domain picks the meaning of a number; log noise is not a code.
  { category: 'domain', query: 'NEVPNErrorDomain Code=5', relevant: ['d1', 'd4'], top: ['d1'] },
  { category: 'domain', query: 'NEHotspotConfigurationErrorDomain Code=5', relevant: ['d2'] },
  { category: 'domain', query: 'NSPOSIXErrorDomain Code=50', relevant: ['d5', 'sym1', 'sym2'], top: ['d5'] },
  { category: 'domain', query: 'Code=-1009', relevant: [], none: true },
  { category: 'domain', query: 'nw_connection Error [12:0x600002e1c000]', relevant: ['log1', 'log2'], top: ['log1'] },
  { category: 'domain', query: 'error 53', relevant: ['d6', 'd7'] },
  { category: 'domain', query: 'NEVPNConnectionErrorDomain 12', relevant: ['vpn12'] },
  // The symbol typed ranks above a bare number that means the same.
  { category: 'symbol', query: 'ENETDOWN', relevant: ['sym1', 'sym2', 'd5'], top: ['sym1'] },
  { category: 'symbol', query: 'ECONNREFUSED', relevant: ['sym3', 'sym4'], top: ['sym3'] },
  { category: 'symbol', query: 'EADDRINUSE', relevant: ['sym5', 'sym6'], top: ['sym5'] },
  { category: 'symbol', query: 'errSSLClosedAbort', relevant: ['sym7', 'sym8'], top: ['sym7'] },
  { category: 'symbol', query: 'ECONNABORTED', relevant: ['d6', 'd7'], top: ['d6'] },
  { category: 'symbol', query: 'ENOMEM', relevant: ['mem1'] },
  // Filters, views and the query language.
  { category: 'filter', query: 'tag:Bonjour browse', relevant: ['bj1'] },
  { category: 'filter', query: 'is:bookmarked tunnel', relevant: ['ptp1'] },
  { category: 'filter', query: 'tunnel', relevant: ['ptp1'], scope: 'bookmarks' },
  { category: 'filter', query: 'download', relevant: ['bg1'], scope: 'bookmarks' },
  { category: 'filter', query: 'certificate', relevant: ['cert2'], scope: 'notes' },
  { category: 'filter', query: 'debugging', relevant: ['res1'], scope: 'resources' },
  { category: 'filter', query: 'is:unanswered', relevant: [], none: true },
  { category: 'filter', query: 'wifi -"lost network"', relevant: ['w2', 'w3'] },
  { category: 'filter', query: '"background session"', relevant: ['bg1'] },
  { category: 'filter', query: 'tunnel -tag:"Network Extension"', relevant: [], none: true },
  { category: 'filter', query: 'author:quinn tls', relevant: ['res2'] },
  // Plain words, for reference.
  { category: 'words', query: 'local network privacy prompt', relevant: ['lnp1', 'lnp2'] },
  { category: 'words', query: 'background download', relevant: ['bg1', 'bg2'] },
  { category: 'words', query: 'wifi ssid', relevant: ['w3'] },
  { category: 'words', query: 'multicast entitlement', relevant: ['mc1'] },
  { category: 'words', query: 'keychain tunnel', relevant: ['ptp3'] },
  { category: 'words', query: 'captive portal', relevant: ['path1'] },
  { category: 'words', query: 'trust evaluation', relevant: ['cert1', 'res2'] },
];

/** Queries added after the ranking changes, judged first and run once: reported apart. */
export const HELD_OUT: JudgedQuery[] = (<JudgedQuery[]>[
  { category: 'api', query: 'PacketTunnelProvider memory', relevant: ['ptp4', 'ptp1'], top: ['ptp4'] },
  { category: 'api', query: 'AppProxyProvider', relevant: ['proxy1'] },
  { category: 'api', query: 'nw_path_monitor', relevant: ['path1', 'path2'] },
  { category: 'typo', query: 'keychian', relevant: ['ptp3'] },
  { category: 'typo', query: 'multicats entitlement', relevant: ['mc1'] },
  { category: 'japanese', query: '証明書', relevant: ['ja6'] },
  { category: 'japanese', query: '切断', relevant: ['ja4', 'ja5'] },
  {
    category: 'message',
    query: 'A server with the specified hostname could not be found',
    relevant: ['m7'],
  },
  { category: 'message', query: 'NSURLErrorNetworkConnectionLost', relevant: ['m4', 'm5', 'm6'], top: ['m6'] },
  { category: 'domain', query: 'NSPOSIXErrorDomain Code=61', relevant: ['sym3', 'sym4'] },
  { category: 'symbol', query: 'errno 48', relevant: ['sym6', 'sym5'], top: ['sym6'] },
  { category: 'filter', query: 'tag:Security pinning', relevant: ['pin1', 'res2'] },
  { category: 'filter', query: '"trust evaluation" -renewal', relevant: ['res2'] },
]).map((q) => ({ ...q, heldOut: true }));

/** A corpus thread as the record the importers produce. */
export function toRecord(t: CorpusThread): ThreadRecord {
  const posts = [t.body, ...(t.replies ?? [])];
  return {
    thread: {
      id: t.id,
      fingerprint: `fp-${t.id}`,
      titleKey: t.title.toLowerCase(),
      title: t.title,
      url: null,
      author: t.author ?? null,
      tags: t.tags ?? [],
      inferredTags: [],
      replies: posts.length - 1,
      boosts: null,
      views: null,
      activity: { raw: null, date: '2025-06-01T00:00:00Z' },
      capturedAt: null,
      isResource: t.resource ?? false,
      excerpt: t.body,
      sources: ['thread-page'],
    },
    posts: posts.map((body, index) => ({
      id: `${t.id}#${index}`,
      threadId: t.id,
      index,
      author: index === 0 ? (t.author ?? null) : null,
      date: null,
      body,
      boosts: null,
      accepted: (t.answered ?? false) && index === 1,
    })),
  };
}
