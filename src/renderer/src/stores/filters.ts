import { useMemo } from 'react';
import { navigate, useLocation } from './location';

/** The global selection, carried in the URL so that a link reproduces the view (spec §7). */
export interface Filters {
  projectIds: number[];
  /** '' is "(No Environment)"; none selected is "All Environments". */
  environments: string[];
}

export function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    projectIds: params
      .getAll('project')
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0),
    environments: params.getAll('environment'),
  };
}

export function useFilters(): Filters {
  const search = useLocation((state) => state.search);
  return useMemo(() => readFilters(search), [search]);
}

/** The query string for a selection, keeping any other parameters of `base`. */
export function filterSearch(filters: Filters, base = ''): string {
  const params = new URLSearchParams(base);
  params.delete('project');
  params.delete('environment');
  for (const id of filters.projectIds) params.append('project', String(id));
  for (const name of filters.environments) params.append('environment', name);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Changes the selection in place, keeping the page. */
export function setFilters(filters: Filters) {
  const { pathname, search } = useLocation.getState();
  navigate(`${pathname}${filterSearch(filters, search)}`);
}

/** A link to another page that carries the current selection along. */
export function linkTo(pathname: string, extra: Record<string, string> = {}): string {
  const filters = readFilters(useLocation.getState().search);
  return `${pathname}${filterSearch(filters, new URLSearchParams(extra).toString())}`;
}
