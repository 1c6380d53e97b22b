import { StatusError } from '../errors.js';

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface IssueSearch {
  /** null: every status. */
  status: IssueStatus | null;
  levels: string[];
  releases: string[];
  /** Words to find in the title or culprit. */
  text: string[];
}

const STATUSES: Record<string, IssueStatus> = {
  unresolved: 'unresolved',
  resolved: 'resolved',
  ignored: 'ignored',
  archived: 'ignored',
};
const LEVELS = new Set(['debug', 'info', 'warning', 'error', 'fatal']);
// `key:value` or `key:"quoted value"`, else a bare word or a quoted phrase.
const TOKEN = /(\w[\w.]*):("(?:[^"\\]|\\.)*"|\S+)|"((?:[^"\\]|\\.)*)"|(\S+)/g;

const unquote = (value: string) =>
  value.startsWith('"') && value.endsWith('"') && value.length >= 2
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;

/**
 * Parses the issue search box as Sentry does for the keys Outpost knows: `is:`, `level:`,
 * `release:`, and free text. An absent query means `is:unresolved`, Sentry's default.
 */
export function parseIssueQuery(query: string | null): IssueSearch {
  const search: IssueSearch = { status: null, levels: [], releases: [], text: [] };
  if (query === null) return { ...search, status: 'unresolved' };
  for (const match of query.matchAll(TOKEN)) {
    const [, key, rawValue, phrase, word] = match;
    if (key === undefined) {
      search.text.push(phrase ?? word!);
      continue;
    }
    const value = unquote(rawValue!);
    switch (key) {
      case 'is': {
        const status = STATUSES[value.toLowerCase()];
        if (!status) {
          throw new StatusError(
            400,
            `Invalid value for "is" search: ${value}. Use unresolved, resolved or ignored.`,
          );
        }
        search.status = status;
        break;
      }
      case 'level':
        for (const level of value.split(',')) {
          if (!LEVELS.has(level)) {
            throw new StatusError(
              400,
              `Invalid level: ${level}. Use debug, info, warning, error or fatal.`,
            );
          }
          search.levels.push(level);
        }
        break;
      case 'release':
        search.releases.push(value);
        break;
      default:
        search.text.push(`${key}:${value}`);
    }
  }
  return search;
}
