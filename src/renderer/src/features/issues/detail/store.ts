import { create } from 'zustand';
import type { IssueDetail, IssueStatus } from '../../../../../shared/types';
import { CallError, call } from '../../../api/client';

/** Which issue, within which environments: a new key starts the page over. */
export interface DetailQuery {
  issueId: number;
  environments: string[];
}

export interface LoadError {
  message: string;
  /** 404 when the issue does not exist. */
  status: number;
}

interface IssueDetailState {
  key: string | null;
  issue: IssueDetail | null;
  loading: boolean;
  error: LoadError | null;
  load(query: DetailQuery): Promise<void>;
  /** Reloads in place, keeping what is shown, for live updates. */
  refresh(query: DetailQuery): Promise<void>;
  /** Rejects with a CallError a person can read. */
  setStatus(issueId: number, status: IssueStatus): Promise<void>;
  remove(issueId: number): Promise<void>;
}

export const detailKey = (query: DetailQuery) => JSON.stringify(query);

const loadError = (error: unknown): LoadError => ({
  message: (error as Error).message,
  status: error instanceof CallError ? error.status : 0,
});

// Live updates can overlap; only the newest answer may land.
let latestRequest = 0;

export const useIssueDetail = create<IssueDetailState>((set, get) => ({
  key: null,
  issue: null,
  loading: false,
  error: null,
  async load(query) {
    const key = detailKey(query);
    const request = ++latestRequest;
    const keepIssue = get().issue?.id === query.issueId ? get().issue : null;
    set({ key, loading: true, error: null, issue: keepIssue });
    try {
      const issue = await call('getIssue', query);
      if (request === latestRequest) set({ issue, loading: false });
    } catch (error) {
      if (request === latestRequest) set({ error: loadError(error), loading: false });
    }
  },
  async refresh(query) {
    const key = detailKey(query);
    if (get().key !== key) return;
    const request = ++latestRequest;
    try {
      const issue = await call('getIssue', query);
      if (request === latestRequest) set({ issue, error: null, loading: false });
    } catch (error) {
      if (request === latestRequest) set({ error: loadError(error), loading: false });
    }
  },
  async setStatus(issueId, status) {
    const updated = await call('updateIssue', { issueId, status });
    const issue = get().issue;
    if (issue?.id === issueId) set({ issue: { ...issue, status: updated.status } });
  },
  async remove(issueId) {
    // The core announces the deletion before it answers: live reloads must not turn the page
    // into "does not exist" while the caller is about to leave it.
    const key = get().key;
    latestRequest++;
    set({ key: null });
    try {
      await call('deleteIssue', { issueId });
    } catch (error) {
      set({ key });
      throw error;
    }
  },
}));
