import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const INSTALL_HINT = `No Chromium found for the end-to-end tests. Install one:
  Debian/Ubuntu:  sudo apt-get install -y chromium      (then it is found at /usr/bin/chromium)
  or point CHROMIUM_PATH at any Chromium or Chrome binary.`;

/** CHROMIUM_PATH, then /usr/bin/chromium, then a browser Playwright already installed; else a clear error. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): string {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', safePlaywrightPath()].filter((p): p is string => !!p);
  const found = candidates.find((p) => exists(p));
  if (!found) throw new Error(`${INSTALL_HINT}\nLooked at: ${candidates.join(', ') || '(nothing)'}`);
  return found;
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function launchChromium() {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
}
