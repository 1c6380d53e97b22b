import type { Pruner } from './retention.js';

/** A round of retention, wherever it runs, and the look at the count limits. */
export interface Retention {
  pruneAll: Pruner['pruneAll'];
  overCount(): boolean;
}

/**
 * Runs retention now and then in the background: one round at a time, never two at once; a
 * request for a round while one runs queues exactly one more. Writes are followed, within
 * `checkMs`, by a look at the count limits: a project that passed its count is pruned then,
 * not at the next round, which under heavy ingest let it grow past by a minute's events.
 */
export function scheduleRetention(
  pruner: Retention,
  intervalMs: number,
  onBatch: (issueIds: number[]) => void,
  checkMs = 1_000,
) {
  let timer: NodeJS.Timeout | undefined;
  let check: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  function plan(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(round, delay);
    timer.unref();
  }

  function round(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pruner
      .pruneAll(onBatch)
      .catch((error: unknown) => {
        console.error('Retention failed; it will try again:', error);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          plan(0);
        } else plan(intervalMs);
      });
    return running;
  }

  function checkCounts() {
    check = undefined;
    if (!stopped && pruner.overCount()) void round();
  }

  plan(intervalMs);
  return {
    /** Events were stored: the count limits are looked at within `checkMs`. */
    noteWrites() {
      if (check || stopped) return;
      check = setTimeout(checkCounts, checkMs);
      check.unref();
    },
    /** Runs a round now (or right after the one running) and resolves when it is done. */
    runNow: (): Promise<number> => round(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(check);
      await running;
    },
  };
}
