import { defineConfig } from 'vitest/config';
import { APP_RUNTIME_FLAGS } from './test/support/app-runtime-flags.ts';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/temp-root.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // The tests build the index as the app does (ArrayBuffer's `transfer`, see the module).
    execArgv: [...APP_RUNTIME_FLAGS],
  },
});
