// What an interrupted run (Ctrl-C) must still undo: the servers it started, by their own pids,
// and the folders it made. Each part registers its undo and drops it once done.
const undos = new Set<() => void>();

/** Registers `undo` for an interruption; returns the function that drops it again. */
export function onInterrupt(undo: () => void): () => void {
  undos.add(undo);
  return () => undos.delete(undo);
}

export function undoAfterInterrupt(): void {
  for (const undo of [...undos]) {
    try {
      undo();
    } catch {
      // Go on with the rest: an interrupted run cleans up what it can.
    }
  }
  undos.clear();
}
