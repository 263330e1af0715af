import { create } from 'zustand';
import type { ImportSummary } from '../../src/bridge/data-api';

/** The report of the last import, shown until dismissed. */
interface ImportState {
  lastImport: ImportSummary | null;
  setLastImport(summary: ImportSummary | null): void;
}

export const useImportStore = create<ImportState>((set) => ({
  lastImport: null,
  setLastImport: (lastImport) => set({ lastImport }),
}));
