import type { IssueSort } from '../../../../shared/types';
import { readFilters } from '../../stores/filters';
import type { IssueQuery } from '../../stores/issues';

export const SORTS: { value: IssueSort; label: string }[] = [
  { value: 'date', label: 'Last Seen' },
  { value: 'new', label: 'First Seen' },
  { value: 'freq', label: 'Events' },
];

/** The list a URL asks for: the global selection, and the search and sort beside it. */
export function readIssueQuery(search: string): IssueQuery {
  const params = new URLSearchParams(search);
  const sort = params.get('sort');
  return {
    ...readFilters(search),
    query: params.get('query') ?? 'is:unresolved',
    sort: SORTS.find((option) => option.value === sort)?.value ?? 'date',
  };
}
