import type { Db } from '../db/open.js';
import { type ActiveKey, loadActiveKeys } from '../repositories/keys.js';

/** The active project keys, held in memory so that authenticating an event costs no query. */
export function createKeyRing(db: Db) {
  let keys = loadActiveKeys(db);
  return {
    get(publicKey: string): ActiveKey | undefined {
      return keys.get(publicKey);
    },
    /** Call after keys are created, revoked or deleted. */
    reload() {
      keys = loadActiveKeys(db);
    },
  };
}

export type KeyRing = ReturnType<typeof createKeyRing>;
