import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';

/** A listing of `count` threads: its lines all resolve at once, as a file already read does. */
function bigListing(count: number): string {
  const lines = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
  for (let i = 0; i < count; i++)
    lines.push(`Tunnel ${i} stalls after a Wi-Fi change`, `Question ${i}: what should I watch?`, '2', '0', '31', '3d');
  return lines.join('\n');
}

/** How many records the parser had given out when a message sent at its start got through. */
async function recordsBeforeAMessage(sliceMs: number | undefined): Promise<{ seen: number; total: number }> {
  let records = 0;
  let seen = -1;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    seen = records;
    channel.port1.close();
  };
  channel.port2.postMessage(null);
  await parseSource(
    stringSource('big.txt', bigListing(3000)),
    { sliceMs },
    {
      record: () => {
        records++;
      },
      warning: () => undefined,
    },
  );
  // A message that never got in during the parse gets in now.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { seen, total: records };
}

describe('parsing a listing already read', () => {
  it('lets other tasks in between its slices of lines', async () => {
    const { seen, total } = await recordsBeforeAMessage(0);
    expect(total).toBe(3000);
    expect(seen).toBeGreaterThanOrEqual(0);
    expect(seen).toBeLessThan(total);
  });

  it('runs as one task without slices (what a message waited for before)', async () => {
    const { seen, total } = await recordsBeforeAMessage(Infinity);
    expect(seen).toBe(total);
  });
});
