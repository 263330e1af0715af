/**
 * The bench's forum: the seeded synthetic threads of the unit tests, made as long and as varied
 * in vocabulary as a real developer forum's.
 *
 * Why: the unit corpus (40k made-up words, ~2 KB threads) has about a fifth of a real forum's
 * vocabulary, and vocabulary is what a search index's dictionary, build time and memory grow
 * with. In networking threads the long tail comes from what people paste: console logs
 * (`nw_connection` lines with connection ids, UUIDs, addresses and ports, timestamps, PIDs),
 * crash reports (frames with hex addresses and symbols), request URLs and file paths. About a
 * quarter of threads carry such a paste, 10–80 lines long, so thread lengths spread from a few
 * hundred bytes to 10+ KB like the real pages, and most distinct tokens are identifiers and
 * codes seen once or twice. The vocabulary of made-up words is 5× the unit corpus's (200k).
 */
import type { ThreadRecord } from '../../src/model';
import { prng, syntheticThreads } from '../unit/search/synthetic-corpus';

const PROCESSES = ['MyApp', 'PacketTunnel', 'FilterDataProvider', 'nsurlsessiond', 'networkd', 'mDNSResponder'];
const SUBSYSTEMS = ['connection', 'boringssl', 'quic', 'tcp', 'dns', 'path', 'endpoint', 'nw_protocol'];
const MESSAGES = [
  'nw_connection_copy_connected_local_endpoint_block_invoke [C{c}] Connection has no local endpoint',
  'nw_read_request_report [C{c}] Receive failed with error "Operation timed out"',
  'Task <{uuid}>.<{n}> finished with error [-1001] Error Domain=NSURLErrorDomain Code=-1001',
  'boringssl_context_handle_fatal_alert(2072) [C{c}.1.1:2][{hex}] read alert, level: fatal, description: bad certificate',
  'nw_endpoint_handler_start_child [C{c}.1 {ip}:{port} in_progress socket-flow (satisfied (Path is satisfied), interface: en0)]',
  'quic_conn_process_inbound [C{c}.1.1:2] [-{hex}] unable to parse packet',
  'tcp_input [C{c}:{n}] flags=[R] seq={big}, ack=0, win=0 state=SYN_SENT rcv_nxt=0, snd_una={big}',
  'Connection {n}: received failure notification',
  'dnssd_query [Q{n}] resolved {host} to {ip} ttl {n}',
  'GET https://{host}/api/v{n}/items/{hex}?session={uuid} HTTP/1.1 {status}',
];
const HOSTS = ['api.example.com', 'cdn.example.net', 'auth.example.org', 'push.example.io', 'vpn.example.co'];
const FRAMES = ['libsystem_kernel.dylib', 'libdispatch.dylib', 'Network', 'CFNetwork', 'NetworkExtension', 'MyApp'];
const SYMBOLS = ['__pthread_kill', '_dispatch_call_block_and_release', 'nw_connection_start', 'objc_msgSend'];

function makePaste(random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  const hex = (digits: number) => {
    let out = '';
    while (out.length < digits) out += int(0x10000).toString(16).padStart(4, '0');
    return out.slice(0, digits);
  };
  const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`.toUpperCase();
  const lines: string[] = [];
  const crash = random() < 0.3;
  const count = 10 + int(70);
  const pid = int(90000);
  for (let i = 0; i < count; i++) {
    if (crash) {
      lines.push(
        `${i}   ${FRAMES[int(FRAMES.length)]} 0x0000000${hex(9)} ${SYMBOLS[int(SYMBOLS.length)]} + ${int(900)}`,
      );
      continue;
    }
    const message = (MESSAGES[int(MESSAGES.length)] as string).replace(/\{(\w+)\}/g, (_, k: string) => {
      switch (k) {
        case 'c':
          return String(1 + int(400));
        case 'uuid':
          return uuid();
        case 'hex':
          return hex(8);
        case 'ip':
          return `${10 + int(200)}.${int(255)}.${int(255)}.${int(255)}`;
        case 'port':
          return String(1024 + int(60000));
        case 'host':
          return HOSTS[int(HOSTS.length)] as string;
        case 'big':
          return String(int(4294967295));
        case 'status':
          return String([200, 301, 401, 403, 500, 503][int(6)]);
        default:
          return String(int(1000));
      }
    });
    const time = `2025-0${1 + int(9)}-${String(1 + int(28)).padStart(2, '0')} ${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${String(int(999999)).padStart(6, '0')}`;
    lines.push(
      `${time}+0100 ${PROCESSES[int(PROCESSES.length)]}[${pid}:${int(9999999)}] [com.apple.network:${SUBSYSTEMS[int(SUBSYSTEMS.length)]}] ${message}`,
    );
  }
  return lines.join('\n');
}

/** `count` forum threads, the same for the same seed. */
export function* forumThreads(count: number, seed = 7, firstId = 1): Generator<ThreadRecord> {
  const random = prng(seed * 7919 + firstId);
  for (const record of syntheticThreads(count, { seed, vocabulary: 200_000, firstId })) {
    if (random() < 0.25) {
      const post = record.posts[random() < 0.6 ? 0 : Math.floor(random() * record.posts.length)];
      if (post) post.body = `${post.body}\n\n\`\`\`\n${makePaste(random)}\n\`\`\`\n`;
    }
    yield record;
  }
}
