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
