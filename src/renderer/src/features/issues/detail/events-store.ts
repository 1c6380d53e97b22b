import { create } from 'zustand';
import type { EventDetail, EventSummary } from '../../../../../shared/types';
import { call } from '../../../api/client';
import { type DetailQuery, detailKey } from './store';

const PAGE = 50;

interface IssueEventsState {
  key: string | null;
  events: EventSummary[];
  nextCursor: number | null;
  loading: boolean;
  error: string | null;
  load(query: DetailQuery): Promise<void>;
  loadMore(query: DetailQuery): Promise<void>;
  /** Reloads the rows already shown, in place, for live updates. */
  refresh(query: DetailQuery): Promise<void>;
}

/** The issue's events within the selected environments, newest first. */
export const useIssueEvents = create<IssueEventsState>((set, get) => ({
  key: null,
  events: [],
  nextCursor: null,
  loading: false,
  error: null,
  async load(query) {
    const key = detailKey(query);
    set({ key, loading: true, error: null, events: [], nextCursor: null });
    try {
      const page = await call('listIssueEvents', { ...query, cursor: 0, limit: PAGE });
      if (get().key === key)
        set({ events: page.events, nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      if (get().key === key) set({ error: (error as Error).message, loading: false });
    }
  },
  async loadMore(query) {
    const { key, nextCursor, loading } = get();
    if (key !== detailKey(query) || nextCursor === null || loading) return;
    set({ loading: true, error: null });
    try {
      const page = await call('listIssueEvents', { ...query, cursor: nextCursor, limit: PAGE });
      if (get().key === key) {
        set({
          events: [...get().events, ...page.events],
          nextCursor: page.nextCursor,
          loading: false,
        });
      }
    } catch (error) {
      if (get().key === key) set({ error: (error as Error).message, loading: false });
    }
  },
  async refresh(query) {
    const key = detailKey(query);
    if (get().key !== key || get().loading) return;
    const limit = Math.min(500, Math.max(PAGE, get().events.length));
    try {
      const page = await call('listIssueEvents', { ...query, cursor: 0, limit });
      if (get().key === key && !get().loading) {
        set({ events: page.events, nextCursor: page.nextCursor, error: null });
      }
    } catch (error) {
      if (get().key === key) set({ error: (error as Error).message });
    }
  },
}));

interface ChosenEventState {
  eventId: string | null;
  event: EventDetail | null;
  loading: boolean;
  error: string | null;
  show(projectId: number, eventId: string): Promise<void>;
}

/** The event picked from the list, shown in place of the latest one. */
export const useChosenEvent = create<ChosenEventState>((set, get) => ({
  eventId: null,
  event: null,
  loading: false,
  error: null,
  async show(projectId, eventId) {
    if (get().eventId === eventId && (get().event || get().loading)) return;
    set({ eventId, event: null, loading: true, error: null });
    try {
      const event = await call('getEvent', { projectId, eventId });
      if (get().eventId === eventId) set({ event, loading: false });
    } catch (error) {
      if (get().eventId === eventId) set({ error: (error as Error).message, loading: false });
    }
  },
}));
