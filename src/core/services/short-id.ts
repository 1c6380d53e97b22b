// Sentry writes an issue's per-project number in this base-32 alphabet (no I, L, O, U).
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number): string {
  let out = '';
  do {
    out = BASE32[value % 32] + out;
    value = Math.floor(value / 32);
  } while (value > 0);
  return out;
}

/** `DEFAULT-1A`: the project's slug in capitals and the number in the project. */
export const formatShortId = (projectSlug: string, number: number) =>
  `${projectSlug.toUpperCase()}-${base32(number)}`;
