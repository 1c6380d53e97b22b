import { useCallback, useState } from 'react';

/**
 * The state of a form's one action: busy while it runs, then either the success message it
 * returns or the error message it threw, never both.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);

  return { busy, error, done, run, reset };
}
