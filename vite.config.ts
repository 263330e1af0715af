import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './src/bridge/content-security-policy';

const platformOf = (mode: string) => (mode === 'electron' ? 'electron' : 'web');

/** The CSP is injected into the built HTML only: the dev server needs inline scripts for hot reload. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'forumkb-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The platform seam is chosen at build time, as Actual Budget does: `import './create-platform'`
 * resolves to `create-platform.web.ts` in the browser build (the default) and to
 * `create-platform.electron.ts` with `vite build --mode electron`, so neither bundle carries the
 * other's code (the web build's bundled fixtures included).
 */
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  resolve: {
    extensions: [
      `.${platformOf(mode)}.ts`,
      `.${platformOf(mode)}.tsx`,
      '.mjs',
      '.js',
      '.mts',
      '.ts',
      '.jsx',
      '.tsx',
      '.json',
    ],
  },
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  preview: { port: 5174, strictPort: false },
}));
