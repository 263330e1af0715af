/**
 * The two builds the UI bench compares, and a static server for each: this checkout's browser
 * build, and the baseline commit's (`BASELINE_REF`, the app before the data worker), checked out
 * as a temporary git worktree, installed with `npm ci` and built with its own config. The
 * baseline's build is kept in the temp folder by commit, so a second run does not install again.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';

/** The last commit before the data worker: the baseline column. */
export const BASELINE_REF = '658c468';

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** A page of the app's origin that runs nothing: the database is written there with the app closed. */
export const BLANK_PATH = '/__bench_blank';

/** Serves a build; on a given `port` when a kept profile's data must be found again (IndexedDB is per origin). */
export function serve(dir: string, port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === BLANK_PATH) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title>');
      return;
    }
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(resolve(dir)) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      ok({ url: `http://127.0.0.1:${address.port}/`, server });
    }),
  );
}

/** The browser build of the working tree; unminified for profiles that name functions. */
export async function buildCurrent({ minify = true }: { minify?: boolean } = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'forumkb-ui-current-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true, minify } });
  return outDir;
}

function run(cmd: string, args: string[], cwd?: string): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n') };
}

/**
 * The baseline's browser build: from the cache when a run built it before, else from a temporary
 * worktree of this repository (removed again, whatever happens) with its own dependencies.
 */
export function buildBaseline(log: (line: string) => void): string {
  const cached = join(tmpdir(), `forumkb-ui-baseline-${BASELINE_REF}`);
  if (existsSync(join(cached, 'index.html'))) {
    log(`    baseline build ${BASELINE_REF} from ${cached}`);
    return cached;
  }
  const started = Date.now();
  const checkout = mkdtempSync(join(tmpdir(), 'forumkb-ui-baseline-src-'));
  rmSync(checkout, { recursive: true, force: true });
  const added = run('git', ['worktree', 'add', '--detach', checkout, BASELINE_REF]);
  if (!added.ok) throw new Error(`git worktree add ${BASELINE_REF} failed:\n${added.output}`);
  try {
    // Its own dependencies (it used some this version dropped), from the npm cache where it can.
    const install = run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], checkout);
    if (!install.ok) throw new Error(`npm ci failed in the baseline checkout (${BASELINE_REF}):\n${install.output}`);
    const outDir = join(checkout, 'dist-bench');
    const built = run('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir], checkout);
    if (!built.ok) throw new Error(`baseline build failed (${BASELINE_REF}):\n${built.output}`);
    cpSync(outDir, cached, { recursive: true });
  } finally {
    run('git', ['worktree', 'remove', '--force', checkout]);
    rmSync(checkout, { recursive: true, force: true });
    run('git', ['worktree', 'prune']);
  }
  log(
    `    baseline ${BASELINE_REF} installed and built in ${Math.round((Date.now() - started) / 1000)} s (kept in ${cached})`,
  );
  return cached;
}
