import { DoorstepError } from '@doorstep/client';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { problemText } from './session';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | { state: 'ready'; value: T };

/** Runs `load` whenever `deps` change and keeps the latest answer; an older answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setResult((previous) => (previous.state === 'ready' ? previous : { state: 'loading' }));
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (error: unknown) => current && setResult({ state: 'failed', error: problemText(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return [result, reload];
}

const BUILDING_POLL_MS = 2_000;
const BUILDING_POLLS = 90;

/**
 * Reports read rollups built per month end; the first request for one not built yet answers 503
 * `REPORT.BUILDING` and starts the build. The API's Retry-After (60 s) suits a large tenant; a page
 * asks again every 2 s for up to 3 minutes, so a small tenant's report shows as soon as it is built.
 */
export async function whenBuilt<T>(load: () => Promise<T>): Promise<T> {
  for (let poll = 1; ; poll++) {
    try {
      return await load();
    } catch (error) {
      const building = error instanceof DoorstepError && error.problem.code === 'REPORT.BUILDING';
      if (!building || poll >= BUILDING_POLLS) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUILDING_POLL_MS));
    }
  }
}
