import { create } from 'zustand';
import type { IssueSort, IssueSummary } from '../../../shared/types';
import { call } from '../api/client';

export interface IssueQuery {
  projectIds: number[];
  environments: string[];
  query: string;
  sort: IssueSort;
}

interface IssuesState {
  /** The query the list shows, as a key: a new key starts the list over. */
  key: string | null;
  issues: IssueSummary[];
  nextCursor: number | null;
  loading: boolean;
  error: string | null;
  load(query: IssueQuery): Promise<void>;
  loadMore(query: IssueQuery): Promise<void>;
  /** Reloads the rows already shown, in place, so that live updates keep the scroll position. */
  refresh(query: IssueQuery): Promise<void>;
}

const PAGE = 100;
const keyOf = (query: IssueQuery) => JSON.stringify(query);

export const useIssues = create<IssuesState>((set, get) => ({
  key: null,
  issues: [],
  nextCursor: null,
  loading: false,
  error: null,
  async load(query) {
    const key = keyOf(query);
    set({ key, loading: true, error: null, issues: [], nextCursor: null });
    try {
      const page = await call('listIssues', { ...query, cursor: 0, limit: PAGE });
      if (get().key === key)
        set({ issues: page.issues, nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      if (get().key === key) set({ error: (error as Error).message, loading: false });
    }
  },
  async loadMore(query) {
    const { nextCursor, loading, key } = get();
    if (nextCursor === null || loading || key !== keyOf(query)) return;
    set({ loading: true });
    try {
      const page = await call('listIssues', { ...query, cursor: nextCursor, limit: PAGE });
      if (get().key === key) {
        set({
          issues: [...get().issues, ...page.issues],
          nextCursor: page.nextCursor,
          loading: false,
        });
      }
    } catch (error) {
      set({ error: (error as Error).message, loading: false });
    }
  },
  async refresh(query) {
    const key = keyOf(query);
    if (get().key !== key) return;
    const limit = Math.min(500, Math.max(PAGE, get().issues.length));
    try {
      const page = await call('listIssues', { ...query, cursor: 0, limit });
      if (get().key === key) set({ issues: page.issues, nextCursor: page.nextCursor, error: null });
    } catch (error) {
      if (get().key === key) set({ error: (error as Error).message });
    }
  },
}));
