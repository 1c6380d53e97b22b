import { StatusError } from '../../errors.js';

/** `project=` takes numeric ids, repeated; `-1` means all projects (spec §7). */
export function parseProjectIds(query: URLSearchParams): number[] {
  const ids: number[] = [];
  for (const value of query.getAll('project')) {
    const id = Number(value);
    if (!Number.isInteger(id))
      throw new StatusError(400, `Invalid project parameter: ${value}. Values must be numbers.`);
    if (id === -1) return [];
    ids.push(id);
  }
  return ids;
}

const PERIOD = /^(\d+)([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

/** `statsPeriod=24h`, `14d`…: the window's length in milliseconds, or null when absent. */
export function parseStatsPeriod(query: URLSearchParams): number | null {
  const value = query.get('statsPeriod');
  if (value === null || value === '') return null;
  const match = PERIOD.exec(value);
  if (!match)
    throw new StatusError(
      400,
      `Invalid statsPeriod: ${value}. Use a number and a unit, e.g. 24h or 14d.`,
    );
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
