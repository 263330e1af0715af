import { useWatch } from '../data/data-client';

/** How many threads the database holds, live. */
export function useThreadCount(): number | undefined {
  return useWatch({ kind: 'threadCount' });
}
