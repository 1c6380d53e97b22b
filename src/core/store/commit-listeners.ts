import type { CommittedWrite } from './write-types.js';

/** Who hears about commits: live updates, and later alert rules. One failing never stops the rest. */
export function createCommitListeners() {
  const listeners = new Set<(writes: CommittedWrite[]) => void>();
  return {
    add(listener: (writes: CommittedWrite[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(writes: CommittedWrite[]) {
      if (writes.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(writes);
        } catch (error) {
          console.error('A listener after commit failed:', error);
        }
      }
    },
  };
}
