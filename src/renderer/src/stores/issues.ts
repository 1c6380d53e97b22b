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
  /** The query asked for last, as a key: a new key starts the list over. */
  key: string | null;
  /**
   * The rows on screen. While `loading` they are still the previous query's: a new selection
   * replaces them when its first page arrives, so the table never empties in between.
   */
  issues: IssueSummary[];
  /** The query the rows belong to: their links carry its selection. */
  shown: IssueQuery | null;
  nextCursor: number | null;
  /** The first page of `key` is on its way. */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  error: string | null;
  /** Starts the list for `query` unless it is the one already asked for. */
  show(query: IssueQuery, firstPage: number): void;
  /** Starts the list for `query` over, even the one already shown (after an error). */
  load(query: IssueQuery, firstPage: number): Promise<void>;
  loadMore(query: IssueQuery): Promise<void>;
  /** Reloads the rows already shown, in place, so that live updates keep the scroll position. */
  refresh(query: IssueQuery): Promise<void>;
  /** Forgets the list, and drops any answer still on its way: the page has closed. */
  clear(): void;
}

const PAGE = 100;
const EMPTY: Pick<
  IssuesState,
  'key' | 'issues' | 'shown' | 'nextCursor' | 'loading' | 'loadingMore' | 'error'
> = {
  key: null,
  issues: [],
  shown: null,
  nextCursor: null,
  loading: false,
  loadingMore: false,
  error: null,
};
const issueQueryKey = (query: IssueQuery) => JSON.stringify(query);

// Selections and live updates can overlap: only the newest request that replaces the list may
// land, and a further page only onto the list it continues. A request that starts over or
// replaces the list also clears `loadingMore`, so a dropped page never leaves it set.
let latestRequest = 0;
// A live update while a first page is on its way: that page may have been read before it, so
// the list reloads once more when the page lands.
let updatedWhileLoading = false;

export const useIssues = create<IssuesState>((set, get) => ({
  ...EMPTY,
  show(query, firstPage) {
    if (get().key !== issueQueryKey(query)) void get().load(query, firstPage);
  },
  async load(query, firstPage) {
    const request = ++latestRequest;
    const key = issueQueryKey(query);
    updatedWhileLoading = false;
    set({ key, loading: true, loadingMore: false, error: null });
    try {
      // A first page the size of the window paints sooner; the rows below follow with loadMore.
      const page = await call('listIssues', { ...query, cursor: 0, limit: firstPage });
      if (request !== latestRequest) return;
      set({ issues: page.issues, shown: query, nextCursor: page.nextCursor, loading: false });
      if (updatedWhileLoading) void get().refresh(query);
    } catch (error) {
      // The old rows may belong to another selection: an error shows alone.
      if (request === latestRequest) {
        set({
          issues: [],
          shown: query,
          nextCursor: null,
          error: (error as Error).message,
          loading: false,
        });
      }
    }
  },
  async loadMore(query) {
    const { nextCursor, loading, loadingMore, key, issues } = get();
    if (nextCursor === null || loading || loadingMore || key !== issueQueryKey(query)) return;
    const request = latestRequest;
    set({ loadingMore: true });
    try {
      const page = await call('listIssues', { ...query, cursor: nextCursor, limit: PAGE });
      if (request === latestRequest && get().issues === issues) {
        set({
          issues: [...issues, ...page.issues],
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      }
    } catch (error) {
      if (request === latestRequest && get().issues === issues)
        set({ error: (error as Error).message, loadingMore: false });
    }
  },
  async refresh(query) {
    if (get().key !== issueQueryKey(query)) return;
    if (get().loading) {
      updatedWhileLoading = true;
      return;
    }
    updatedWhileLoading = false;
    const request = ++latestRequest;
    const limit = Math.min(500, Math.max(PAGE, get().issues.length));
    try {
      const page = await call('listIssues', { ...query, cursor: 0, limit });
      if (request === latestRequest)
        set({ issues: page.issues, nextCursor: page.nextCursor, error: null, loadingMore: false });
    } catch (error) {
      if (request === latestRequest) set({ error: (error as Error).message });
    }
  },
  clear() {
    latestRequest++;
    set(EMPTY);
  },
}));
