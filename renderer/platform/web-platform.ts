/**
 * The browser implementation of the bridge API (Actual Budget's browser-preload pattern): a hidden
 * file input for imports, Blob downloads for exports, window.open for links.
 */
import type { ExportFile, ForumKbApi, ParsedFileResult } from '../../src/bridge/forumkb-api';
import { isAllowedExternalUrl } from '../../src/bridge/external-links';
import { emptyExportReport } from '../../src/export/export-report';
import { parseInWorker } from './parse-in-worker';
import { SEED_FILES } from './seed-manifest';

const seedTexts = import.meta.glob('../../fixtures/*.{txt,xml,html,json}', { query: '?raw', import: 'default' });

function pickFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createWebPlatform(): ForumKbApi {
  return {
    platform: 'web',
    async loadSeedFiles(): Promise<ParsedFileResult[]> {
      const results: ParsedFileResult[] = [];
      for (const seed of SEED_FILES) {
        const load = seedTexts[`../../fixtures/${seed.path}`];
        if (!load) continue;
        const text = (await load()) as string;
        results.push(
          ...(await parseInWorker([{ name: seed.path, blob: new Blob([text]), capturedAt: seed.capturedAt }])),
        );
      }
      return results;
    },
    async pickAndParseFiles() {
      const files = await pickFiles();
      if (files.length === 0) return [];
      return parseInWorker(files.map((f) => ({ name: f.name, blob: f, capturedAt: null })));
    },
    exportNotes(files: ExportFile[]) {
      // A browser cannot write into a folder: each file becomes a download.
      for (const file of files) download(file.path, file.content, 'text/markdown');
      const written = files.map((f) => f.path);
      return Promise.resolve({ saved: true, location: 'Downloads', ...emptyExportReport(), written });
    },
    saveFile(file: ExportFile) {
      download(file.path, file.content, file.path.endsWith('.json') ? 'application/json' : 'text/plain');
      return Promise.resolve({ saved: true, location: 'Downloads' });
    },
    openExternal(url: string) {
      if (!isAllowedExternalUrl(url)) return Promise.resolve(false);
      window.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve(true);
    },
    onMenuCommand() {
      return () => {}; // a browser tab has no native menu
    },
    connectorPairing() {
      return Promise.resolve(null); // the clipper pairs with the desktop app (or `cli connector`)
    },
    configureConnector() {
      return Promise.resolve(null);
    },
    onCapture() {
      return () => {}; // a browser tab runs no connector
    },
    onOpenThread() {
      return () => {}; // in a browser, forumkb links are the #/thread/<id> route itself
    },
  };
}
