import { beforeAll, describe, expect, it } from 'vitest';
import { bodyBlocks, type BodyBlock } from '../../../src/format/body-blocks';
import { layoutCode } from '../../../src/format/code-layout';
import type { ThreadRecord } from '../../../src/model';
import { parseFixture } from '../import/fixture-helpers';

/** The words a body's blocks show, dashes and colons aside: what the reader must not lose or invent. */
function shownWords(blocks: BodyBlock[]): string[] {
  const text = blocks
    .map((b) => {
      if (b.kind !== 'links') return b.text;
      return b.sections
        .map((s) => [s.heading, s.meta, ...s.items.map((i) => `${i.title} ${i.kind ?? ''} ${i.note ?? ''}`)].join(' '))
        .join(' ');
    })
    .join(' ');
  return words(text);
}

const words = (text: string) =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[—:]+|[—:]+$/g, ''))
    // `__`: the rule above a sign-off, which the signature block draws itself.
    .filter((w) => w && !/^_+$/.test(w))
    .sort();

const codeOf = (blocks: BodyBlock[]) => blocks.filter((b) => b.kind === 'code');

describe('body blocks on the 21 fixture threads', () => {
  let threads: ThreadRecord[];
  const body = (title: string) => threads.find((t) => t.thread.title === title)!.posts[0]!.body;
  const blocksOf = (title: string) => bodyBlocks(body(title), title);

  beforeAll(async () => {
    // The listing has each thread in both of its layouts; the database merges them.
    const byId = new Map((await parseFixture('networking-listing.txt')).records.map((r) => [r.thread.id, r]));
    threads = [...byId.values()];
  });

  it('has the 21 threads', () => {
    expect(threads).toHaveLength(21);
  });

  it('shows every word of every body, and nothing else', () => {
    for (const t of threads) {
      for (const post of t.posts) {
        const blocks = bodyBlocks(post.body, t.thread.title);
        expect(shownWords(blocks), t.thread.title).toEqual(words(post.body));
      }
    }
  });

  it('leaves bodies with no code as prose', () => {
    for (const title of [
      'App Outgoing Internet Connections are Blocked',
      'WiFi 6 MIMO and spatial audio support for CarPlay',
      'NEHotspotHelper API',
      'Determine outgoing flow source IPs without allowing data leakage using NEFilterDataProvider',
      'Wi-Fi MAC address information',
    ])
      expect(codeOf(blocksOf(title)), title).toEqual([]);
  });

  it('finds the Swift in a flattened question, keeps `\\(hostname)`, and lays it out on lines', () => {
    const blocks = blocksOf('Bonjour Connectivity Optimization');
    expect(blocks[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/none has been perfect\.$/) });
    const [code] = codeOf(blocks);
    expect(code).toMatchObject({ language: 'swift' });
    const lines = code!.text.split('\n');
    expect(lines[0]).toBe('func startMonitoringAndBrowse() {');
    expect(lines).toContain('        let params = NWParameters.tcp');
    expect(lines).toContain('    // Start monitoring for wired ethernet');
    expect(code!.text).toContain('DebugLogger.shared.append("Resolved NetService hostname: \\(hostname)")');
    expect(lines.at(-1)).toBe('}');
  });

  it('finds C and Swift between the paragraphs of an article', () => {
    const code = codeOf(blocksOf('Network Interface APIs'));
    expect(code.map((c) => [c.language, c.text.split('\n')[0]])).toEqual([
      ['swift', 'var kNotifySCNetworkChange: UnsafePointer<CChar> { networkChangeNotifyKey() }'],
      ['c', 'extern const char * networkChangeNotifyKey(void) { return kNotifySCNetworkChange; }'],
      ['swift', 'func legacyTypeForInterfaceNamed(_ name: String) -> UInt8? {'],
      ['c', 'extern uint32_t functionalTypeForInterfaceNamed(const char * name) {'],
    ]);
    expect(code[3]!.text).toContain('\n    int fd = socket(AF_INET, SOCK_DGRAM, 0);\n');
  });

  it('finds a plist, a log with timestamps and a shell command', () => {
    const code = codeOf(
      blocksOf(
        'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?',
      ),
    );
    expect(code.map((c) => c.language)).toEqual(['xml', 'log', 'shell']);
    expect(code[0]!.text.split('\n').slice(0, 3)).toEqual([
      '<key>NSAppTransportSecurity</key>',
      '<dict>',
      '  <key>NSExceptionDomains</key>',
    ]);
    expect(code[2]!.text).toBe(
      '$ /usr/bin/nscurl --ats-diagnostics --verbose http://subdomain.subdomain.example.com/content/cpcheck.txt',
    );
  });

  it('puts each unified-log entry on a line of its own', () => {
    const [log] = codeOf(blocksOf('Understanding Also-Ran Connections'));
    expect(log!.text.split('\n')).toHaveLength(2);
    expect(log!.text).toMatch(/^type: debug time: 12:22:26\.825331\+0100 .* Calling connectx\(…\)$/m);
  });

  it('splits the resource list at its kinds, under its headings, with the signature apart', () => {
    const blocks = blocksOf('Networking Resources');
    const links = blocks.find((b) => b.kind === 'links');
    if (links?.kind !== 'links') throw new Error('no link list');
    expect(links.sections.map((s) => s.heading)).toEqual([
      'General',
      'Foundation networking',
      'Network framework',
      'Wi-Fi (general)',
      'Wi-Fi (iOS)',
      'Wi-Fi on macOS',
      'Secure networking',
      'Miscellaneous',
    ]);
    const foundation = links.sections[1]!;
    expect(foundation.meta).toBe('Forums tags: Foundation, CFNetwork');
    expect(foundation.items[0]).toEqual({
      title: 'URL Loading System',
      kind: 'documentation',
      note: 'NSURLSession, or URLSession in Swift, is the recommended API for HTTP[S] on Apple platforms.',
    });
    expect(links.sections[2]!.items).toContainEqual({
      title: 'Building a custom peer-to-peer protocol (aka TicTacToe)',
      kind: 'sample code',
      note: null,
    });
    expect(blocks.filter((b) => b.kind === 'signature')).toEqual([
      {
        kind: 'signature',
        text: 'Share and Enjoy — Quinn “The Eskimo!” @ Developer Technical Support @ Apple let myEmail = "eskimo" + "1" + "@" + "apple.com"',
      },
    ]);
    expect(codeOf(blocks)).toEqual([]);
  });

  it('sets apart a DTS engineer’s sign-off, and an article’s title after the preface', () => {
    expect(blocksOf('New PushKit delegate in iOS 26.4').at(-1)).toEqual({
      kind: 'signature',
      text: 'Kevin Elliott DTS Engineer, CoreOS/Hardware',
    });
    const necp = blocksOf('A Peek Behind the NECP Curtain');
    expect(necp.slice(1, 3)).toEqual([
      { kind: 'signature', text: expect.stringMatching(/^Share and Enjoy/) },
      { kind: 'heading', text: 'A Peek Behind the NECP Curtain' },
    ]);
    expect(necp.filter((b) => b.kind === 'text' && /^\d{4}-\d\d-\d\d /.test(b.text))).toHaveLength(2);
  });
});

describe('bodies that kept their lines (thread pages)', () => {
  it('keeps paragraphs and joins consecutive log lines into one block', () => {
    const blocks = bodyBlocks(
      'Console has this information:\ndefault 09:43:04.469189-0700 curl nw_endpoint_proxy_receive_report [C1.1] failed\ndefault 09:43:04.469289-0700 curl [C1.1.1] event: flow:failed_connect\nAnything I am missing?\n\nThanks',
    );
    expect(blocks).toEqual([
      { kind: 'text', text: 'Console has this information:' },
      {
        kind: 'code',
        language: 'log',
        text: 'default 09:43:04.469189-0700 curl nw_endpoint_proxy_receive_report [C1.1] failed\ndefault 09:43:04.469289-0700 curl [C1.1.1] event: flow:failed_connect',
      },
      { kind: 'text', text: 'Anything I am missing?' },
      { kind: 'text', text: 'Thanks' },
    ]);
  });

  it('never re-lays-out code that has its own line breaks', () => {
    const code = 'func f() {\n  let x = 1\n}';
    expect(layoutCode(code, 'swift')).toBe(code);
  });

  it('finds no code in prose that mentions APIs', () => {
    expect(
      codeOf(bodyBlocks('Call createTCPConnection(to:enableTLS:tlsParameters:delegate:) to make an NWTCPConnection.')),
    ).toEqual([]);
  });
});
