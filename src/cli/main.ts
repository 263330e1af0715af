/** ForumKB's command line. Each command lives in its own module and is loaded on demand. */
import { UsageError } from './usage-error';

type Command = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, () => Promise<Command>> = {
  parse: () => import('./parse-command'),
  search: () => import('./search-command'),
  'export-notes': () => import('./export-notes-command'),
  connector: () => import('./connector-command'),
};

const USAGE = `usage: npm run cli -- <command> [options]
  parse [--json] [--captured-at ISO-DATE] FILE...   what the importer makes of the files
  search [--json] [--limit N] QUERY FILE...         what a search finds in the files
  export-notes [--digest] [--exported-at ISO] [--thread ID]... ARCHIVE.json OUTDIR   notes as Markdown files
  connector [--port N] [--token T] --out DIR        accept the browser clipper's captures into DIR`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`forumkb ${name}: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    // A failure no command foresaw is still a sentence, not a stack trace (FORUMKB_DEBUG=1 shows it).
    if (process.env['FORUMKB_DEBUG']) throw error;
    process.stderr.write(`forumkb ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// `forumkb parse … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
