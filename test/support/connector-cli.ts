/** `npm run cli -- connector` as a user runs it: a real process, its stdout lines collected. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningConnector {
  port: number;
  lines: string[];
  stop(): Promise<void>;
}

/** `npm run cli -- connector` as a user runs it (tsx, a real process). */
export async function runConnector(out: string, token: string, fixedPort = 0): Promise<RunningConnector> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'connector', '--port', String(fixedPort), '--token', token, '--out', out],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    const parts = stdout.split('\n');
    stdout = parts.pop()!;
    lines.push(...parts);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`connector exited (${code}): ${err}`)));
  });
  return {
    port,
    lines,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
