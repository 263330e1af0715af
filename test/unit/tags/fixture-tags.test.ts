import { describe, expect, it } from 'vitest';
import { parseFixture } from '../import/fixture-helpers';

/**
 * The inferred tags of each of the 21 threads in the listing fixture, pinned after reading their
 * bodies. Each comment says why; a rule change that moves one of these must be a deliberate one.
 */
const EXPECTED: [title: string, tags: string[]][] = [
  // Quinn's index of every networking topic: it names all tags, so it keeps only what its title
  // names (none). Under every tag filter it would bury the threads that are about that tag.
  ['Networking Resources', []],
  // A Mac app's outgoing connections blocked; firewall and Gatekeeper talk, no networking API.
  ['App Outgoing Internet Connections are Blocked', []],
  // Advertises with Bonjour and a _service._tcp type, browses with NWBrowser/NWParameters.
  ['Bonjour Connectivity Optimization', ['Network', 'Bonjour']],
  // CarPlay accessory Wi-Fi requirements.
  ['WiFi 6 MIMO and spatial audio support for CarPlay', ['CarPlay']],
  // NSURLSessionDataTask (Foundation) from a PacketTunnelProvider (Network Extension), debugged
  // with CFNetwork diagnostic logging (the forum files URLSession under CFNetwork too). Not
  // Security: ATS is only mentioned as configured and ruled out; the failure is a timeout.
  [
    'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?',
    ['Network Extension', 'CFNetwork', 'Foundation'],
  ],
  // Asks for the NEHotspotHelper entitlement, a Network Extension API.
  ['NEHotspotHelper API', ['Network Extension', 'NEHotspotHelper']],
  // NECP is Network Extension's policy layer; the post explains it through NWEndpoint and nw_ APIs.
  ['A Peek Behind the NECP Curtain', ['Network', 'Network Extension']],
  // Matter OTA through a HomePod. Not Security: "ATS compliant" describes their S3 server.
  ['Matter OTA on TestNet: HomePod always replies "UpdateNotAvailable" (Device is already CSA Certified)', ['Matter']],
  // Accessory guide: hotspot APIs (NEHotspotConfiguration, NEHotspotHelper), Bonjour discovery,
  // Wi-Fi Aware. TLS appears only as a pointer to another post: not Security.
  ['Working with a Wi-Fi Accessory', ['Network Extension', 'Bonjour', 'Wi-Fi Aware', 'NEHotspotHelper']],
  // NEFilterDataProvider content filter.
  ['Upgrading NEFilterDataProvider Causes System Network Interruption', ['Network Extension']],
  // Signal strength: points to Network framework's linkQuality and says "tag it with Network".
  ['iOS Network Signal Strength', ['Network']],
  // NERelayManager (Network Extension) over QUIC/H3. The nw_ names and "TLS 1.3" are in a pasted
  // log: neither Network framework code nor a Security question.
  ['Network Relay errors out with "Privacy proxy failed with error 53"', ['Network Extension', 'QUIC']],
  // MCSession and friends.
  [
    'Multipeer Connectivity remains in .connecting state and drops connections when Mobile Data is enabled',
    ['Multipeer Connectivity'],
  ],
  // WPA3 cipher negotiation on iPhone: a Wi-Fi stack bug, no API involved.
  ['WiFi WPA3 Cypher Problem', []],
  // Network framework's connection racing (NWConnection, NWListener).
  ['Understanding Also-Ran Connections', ['Network']],
  // getifaddrs and Network framework's NWInterface.
  ['Network Interface APIs', ['Network']],
  // NETransparentProxyProvider.
  [
    'NETransparentProxyProvider stops intercepting flows after sleep/wake cycle on macOS intermittently',
    ['Network Extension'],
  ],
  // CBCentralManager scanning for BLE advertisements.
  ['CoreBluetooth and BLE AdvertisementData', ['Core Bluetooth']],
  // PushKit's new VoIP delegate.
  ['New PushKit delegate in iOS 26.4', ['PushKit']],
  // NEFilterDataProvider flows.
  [
    'Determine outgoing flow source IPs without allowing data leakage using NEFilterDataProvider',
    ['Network Extension'],
  ],
  // A one-line question about the MAC address on iOS 26: nothing to infer from.
  ['Wi-Fi MAC address information', []],
];

describe('inferred tags of the listing fixture', async () => {
  const parsed = await parseFixture('networking-listing.txt');
  const byTitle = new Map(parsed.records.map((r) => [r.thread.title, r.thread]));

  it('pins all 21 distinct threads', () => {
    expect(byTitle.size).toBe(21);
    expect(new Set(EXPECTED.map(([t]) => t)).size).toBe(21);
  });

  it.each(EXPECTED)('%s', (title, tags) => {
    const thread = byTitle.get(title);
    expect(thread, title).toBeDefined();
    expect(thread!.inferredTags).toEqual(tags);
    // A subtopic listing gives no explicit tags.
    expect(thread!.tags).toEqual([]);
  });
});
