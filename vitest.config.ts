import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // ArrayBuffer's `transfer`, as Chromium and Electron have it: the index build frees its
    // chunks with it (segment.ts, `freeNow`), so the tests build as the app does. Node 20 has it
    // behind this flag; a later Node has it without (and may not know the flag).
    execArgv:
      typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function'
        ? []
        : ['--harmony-rab-gsab-transfer'],
  },
});
