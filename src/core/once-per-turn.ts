/**
 * Returns a function that asks for `run` at the end of this turn of the event loop
 * (setImmediate): however often it is asked for before then, it runs once, and what arrived
 * meanwhile is handled together. Calling `run` directly as well does no harm.
 */
export function oncePerTurn(run: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      run();
    });
  };
}

/** Resolves in the next turn of the event loop, after what is queued now (setImmediate). */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
