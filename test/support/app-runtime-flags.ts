/**
 * Node flags that give a Node process what the app's runtime (Chromium, Electron) has, so that
 * tests and benches run the index as the app does: ArrayBuffer's `transfer`, with which the index
 * build frees its chunks (src/search/segment.ts, `freeNow`). Node 20 has it behind this flag; a
 * later Node has it without (and may not know the flag).
 */
export const APP_RUNTIME_FLAGS: readonly string[] =
  typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function'
    ? []
    : ['--harmony-rab-gsab-transfer'];
