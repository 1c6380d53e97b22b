import { useCallback, useEffect, useState } from 'react';
import type { AppEvent } from '../../../shared/types';
import { onAppEvent } from './client';

/**
 * What `fetch` answers, asked on mount and again on any of the app events named, with the
 * error of the last try (shown, never swallowed). `fetch` and `reloadOn` must keep their identity
 * across renders: declare them outside the component.
 */
export function useAnswer<T>(fetch: () => Promise<T>, reloadOn: readonly AppEvent['type'][]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setValue(await fetch());
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [fetch]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(
    () =>
      onAppEvent((event) => {
        if (reloadOn.includes(event.type)) void reload();
      }),
    [reload, reloadOn],
  );
  return { value, setValue, error, reload };
}
