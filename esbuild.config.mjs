// Bundles the Electron main process and the preload into dist/main as CommonJS.
// The preload must be one file: a sandboxed preload can only require `electron`.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  external: ['electron'],
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.cjs' }),
  build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs' }),
]);
