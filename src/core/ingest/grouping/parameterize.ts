// Variable parts of messages and exception values (ids, addresses, times, counts) would otherwise
// split one problem into one issue per occurrence, so they are replaced by placeholders (spec §4.2).
// One alternation, compiled once, tried left to right: the more specific shapes come first, so a
// UUID is not read as hex runs and a date is not read as three integers.

const HEX = '[0-9a-f]';
const IPV6_GROUP = `${HEX}{1,4}`;

const PATTERNS: readonly (readonly [placeholder: string, source: string])[] = [
  ['<uuid>', `\\b${HEX}{8}-?${HEX}{4}-?${HEX}{4}-?${HEX}{4}-?${HEX}{12}\\b`],
  // ISO 8601 date with optional time and zone, or a bare clock time.
  [
    '<date>',
    '\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![\\w:])' +
      '|\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b',
  ],
  ['<ip>', '\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b'],
  // IPv6 needs a digit somewhere so that identifiers such as `cafe:bead` or `A::B` are kept.
  [
    '<ip>',
    `(?<![\\w:])(?=[0-9a-f:]*\\d)(?:(?:${IPV6_GROUP}:){7}${IPV6_GROUP}` +
      `|(?:${IPV6_GROUP}(?::${IPV6_GROUP}){0,6})?::(?:${IPV6_GROUP}(?::${IPV6_GROUP}){0,6})?)(?![\\w:])`,
  ],
  // Long hex runs need both a digit and a letter: all-digit runs are integers, all-letter runs are words.
  ['<hex>', `\\b0x${HEX}+\\b|\\b(?=${HEX}*\\d)(?=${HEX}*[a-f])${HEX}{8,}\\b`],
  // Numbers may run into a unit (`250ms`, `3.5s`), so only their start needs a word boundary.
  ['<float>', '\\b\\d+\\.\\d+(?:e[+-]?\\d+)?'],
  ['<int>', '\\b\\d+'],
];

const COMBINED = new RegExp(PATTERNS.map(([, source]) => `(${source})`).join('|'), 'gi');
const PLACEHOLDERS = PATTERNS.map(([placeholder]) => placeholder);

function replaceMatch(match: string, ...groups: unknown[]): string {
  for (let index = 0; index < PLACEHOLDERS.length; index++) {
    if (groups[index] !== undefined) return PLACEHOLDERS[index] ?? match;
  }
  return match;
}

/** The text with its variable parts replaced by `<uuid>`, `<date>`, `<ip>`, `<hex>`, `<float>`, `<int>`. */
export function parameterize(text: string): string {
  return text.replace(COMBINED, replaceMatch);
}
