/**
 * Everything the user can do, as plain functions: the toolbar, menus, keyboard shortcuts and the
 * command palette all call these, so every action is reachable without a mouse.
 */
import { dataApi } from '../data/data-client';
import { platform } from '../platform';
import { listOrder, listQuery } from '../state/list-order';
import { useUiStore, type ListEdge } from '../state/ui-store';
import { copyText } from './clipboard';
import { hasSearchText } from './use-search';
import { threadLink } from '../../src/bridge/forumkb-link';

const ui = () => useUiStore.getState();

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** A short confirmation in the status bar. */
export function toast(message: string): void {
  ui().showToast(message);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => ui().showToast(null), 2500);
}

/**
 * The list shows another query's results (all threads before the query's first render, or the
 * query one key shorter) or none yet: a key that moves in the list waits for this query's own
 * results, as Enter in the search box does, neither lost nor spent on a list the user is leaving.
 * (A query of a lone `-` or `"` is never searched: its list is the last one shown.)
 */
function resultsToCome(ids: ReturnType<typeof listOrder>, query: string): boolean {
  return ids.length === 0 || (hasSearchText(query) && listQuery() !== query);
}

/** Moves the selection through the list (j/k, arrows); selects the first thread when none is. */
export function moveSelection(delta: number): void {
  const ids = listOrder();
  const query = ui().query.trim();
  if (resultsToCome(ids, query)) {
    if (query !== '') ui().requestSelectResult(query);
    return;
  }
  const current = ui().selectedThreadId;
  const index = current ? ids.indexOf(current) : -1;
  const next = index < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, index + delta));
  ui().selectThread(ids.at(next)!);
}

/** Selects the first or the last thread of the list (of the query's results once they come). */
export function selectEdge(edge: ListEdge): void {
  const ids = listOrder();
  const query = ui().query.trim();
  if (resultsToCome(ids, query)) {
    if (query !== '') ui().requestSelectResult(query, edge);
    return;
  }
  ui().selectThread(edge === 'first' ? ids.at(0)! : ids.at(ids.length - 1)!);
}

/** The search box took the focus: an import under way gives up its long write and writes in short steps before the first key. */
export function searchComing(): void {
  void dataApi().searchComing();
}

export function focusSearch(): void {
  const input = document.querySelector<HTMLInputElement>('input[type="search"]');
  input?.focus();
  input?.select();
}

/** Moves focus into the reader (Enter on a selected thread). */
export function focusReader(): void {
  ui().requestReaderFocus(true);
}

/** Moves focus back to the list, onto the selected row. */
export function focusList(): void {
  const row = document.querySelector<HTMLElement>('.thread-row[data-selected="true"] .thread-row-button');
  (row ?? document.querySelector<HTMLElement>('.thread-scroll'))?.focus();
}

export async function toggleThreadBookmark(threadId: string | null = ui().selectedThreadId): Promise<void> {
  if (!threadId) return toast('Select a thread first');
  const on = await dataApi().toggleBookmark({ threadId });
  toast(on ? 'Bookmarked' : 'Bookmark removed');
}

export async function togglePostBookmark(threadId: string, postId: string): Promise<void> {
  const on = await dataApi().toggleBookmark({ threadId, postId });
  toast(on ? 'Post bookmarked' : 'Post bookmark removed');
}

export async function copyThreadLink(threadId: string | null = ui().selectedThreadId): Promise<void> {
  if (!threadId) return toast('Select a thread first');
  toast((await copyText(threadLink(threadId))) ? 'Link copied' : 'Could not copy the link');
}

export async function openOriginal(threadId: string | null = ui().selectedThreadId): Promise<void> {
  if (!threadId) return toast('Select a thread first');
  const thread = await dataApi().thread(threadId);
  if (!thread?.url) return toast('This thread has no known forum address');
  if (!(await platform.openExternal(thread.url))) toast('That address is not on the list of sites ForumKB opens');
}

export async function openExternalLink(url: string): Promise<void> {
  if (!(await platform.openExternal(url))) toast(`Not opened: ${url} is not on the list of sites ForumKB opens`);
}

export function openNote(threadId: string | null = ui().selectedThreadId, postId: string | null = null): void {
  if (!threadId) return toast('Select a thread first');
  ui().selectThread(threadId);
  ui().setNoteOpen(true, postId);
  // The editor mounts once the note is loaded; it takes focus then.
  ui().requestNoteFocus(true);
}

export async function markThreadUnread(threadId: string | null = ui().selectedThreadId): Promise<void> {
  if (!threadId) return;
  await dataApi().markUnread(threadId);
  toast('Marked unread');
}

export async function bookmarkResources(): Promise<void> {
  const added = await dataApi().bookmarkAllResources();
  toast(added === 0 ? 'All resource posts were bookmarked already' : `Bookmarked ${added} resource posts`);
}
