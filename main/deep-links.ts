/**
 * `forumkb://thread/<id>` links from the OS: macOS sends `open-url`; Windows and Linux start a
 * second instance with the link in argv, which the first instance receives.
 */
import { threadIdFromLink } from '../src/bridge/forumkb-link';

/** The thread a second instance's command line asks for, if any. */
export function threadIdFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const id = threadIdFromLink(arg);
    if (id) return id;
  }
  return null;
}

/** Holds a link that arrives before the window can take it (a cold start from a link). */
export class PendingLink {
  private threadId: string | null = null;

  constructor(private readonly deliver: (threadId: string) => boolean) {}

  offer(threadId: string | null): void {
    if (threadId && !this.deliver(threadId)) this.threadId = threadId;
  }

  flush(): void {
    const id = this.threadId;
    this.threadId = null;
    this.offer(id);
  }
}
