/** @module Loads one admin resource: data, error, and `reload()` after a change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './admin-api.js';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, what: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [n, setN] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `n` is the reload trigger
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    loadRef
      .current(abort.signal)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(errorText(e, `Could not load ${what}.`));
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [n, what]);

  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, loading, reload };
}
