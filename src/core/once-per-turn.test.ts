import { describe, expect, it } from 'vitest';
import { oncePerTurn } from './once-per-turn.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('oncePerTurn', () => {
  it('runs once for every ask in a turn, and again when asked in a later turn', async () => {
    let runs = 0;
    const soon = oncePerTurn(() => (runs += 1));
    soon();
    soon();
    expect(runs).toBe(0);
    await nextTurn();
    expect(runs).toBe(1);
    soon();
    await nextTurn();
    expect(runs).toBe(2);
  });
});
