const UNITS: [number, string][] = [
  [31_536_000_000, 'y'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
];

/** "5min ago", as issue lists show times. */
export function timeAgo(ms: number, now = Date.now()): string {
  const delta = Math.max(0, now - ms);
  for (const [size, unit] of UNITS) {
    if (delta >= size) return `${Math.floor(delta / size)}${unit} ago`;
  }
  return 'just now';
}

export const fullTime = (ms: number) => new Date(ms).toLocaleString();
