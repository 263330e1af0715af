/**
 * A point in time in a Chromium trace (and DevTools' timings): the UI bench reads the data
 * worker's marks to say when its index was loaded and when searches ran. Cleared at once, so
 * marks made on every search never pile up in the worker's performance timeline.
 */
export function traceMark(name: `forumkb:${string}`): void {
  performance.mark(name);
  performance.clearMarks(name);
}
