import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** Loads once per change of `key`; errors become a message (a 401/403 has signed out already). */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then((value) => live && setData(value), (failure: unknown) => live && setError(String((failure as Error).message ?? failure)));
    return () => {
      live = false;
    };
  }, [key, tick]);
  return { data, error, reload: () => setTick((value) => value + 1) };
}
