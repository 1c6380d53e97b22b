import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssuePage, IssueSummary } from '../../../shared/types';
import { type IssueQuery, useIssues } from './issues';

/** Each listIssues call waits until the test answers it, so that answers can come in any order. */
interface PendingCall {
  input: { environments: string[]; cursor: number; limit: number };
  answer(page: IssuePage): Promise<void>;
  fail(message: string): Promise<void>;
}
const pending: PendingCall[] = [];

vi.mock('../api/client', () => ({
  call: (_name: string, input: PendingCall['input']) =>
    new Promise((resolve, reject) => {
      // Settles, then lets the store's continuation run before the test goes on.
      const settled = async (settle: () => void) => {
        settle();
        await new Promise((done) => setTimeout(done, 0));
      };
      pending.push({
        input,
        answer: (page) => settled(() => resolve(page)),
        fail: (message) => settled(() => reject(new Error(message))),
      });
    }),
}));

const issue = (id: number): IssueSummary => ({
  id,
  projectId: 1,
  projectSlug: 'web',
  shortId: `WEB-${id}`,
  title: `Issue ${id}`,
  culprit: '',
  level: 'error',
  status: 'unresolved',
  type: 'error',
  count: 1,
  userCount: 0,
  firstSeen: 0,
  lastSeen: 0,
  sparkline: [],
});
const page = (ids: number[], nextCursor: number | null = null): IssuePage => ({
  issues: ids.map(issue),
  nextCursor,
});
const query = (...environments: string[]): IssueQuery => ({
  projectIds: [],
  environments,
  query: 'is:unresolved',
  sort: 'date',
});
const shownIds = () => useIssues.getState().issues.map((each) => each.id);
const last = () => pending.at(-1)!;

describe('the issue list', () => {
  beforeEach(() => {
    pending.length = 0;
    useIssues.getState().clear();
  });

  it('asks for a first page of the given size, then continues after it', async () => {
    useIssues.getState().show(query(), 20);
    expect(last().input).toMatchObject({ cursor: 0, limit: 20 });
    await last().answer(page([1, 2], 20));
    expect(useIssues.getState()).toMatchObject({ loading: false, nextCursor: 20 });
    void useIssues.getState().loadMore(query());
    expect(last().input).toMatchObject({ cursor: 20, limit: 100 });
    await last().answer(page([3]));
    expect(shownIds()).toEqual([1, 2, 3]);
    expect(useIssues.getState().nextCursor).toBeNull();
  });

  it('keeps the previous rows on screen until the next selection arrives', async () => {
    useIssues.getState().show(query(), 20);
    await last().answer(page([1, 2]));
    useIssues.getState().show(query('production'), 20);
    expect(useIssues.getState()).toMatchObject({ loading: true, shown: query() });
    expect(shownIds()).toEqual([1, 2]);
    await last().answer(page([7]));
    expect(useIssues.getState()).toMatchObject({ loading: false, shown: query('production') });
    expect(shownIds()).toEqual([7]);
  });

  it('asks once for the selection already asked for, and again after a retry', () => {
    useIssues.getState().show(query('qa'), 20);
    useIssues.getState().show(query('qa'), 20);
    expect(pending).toHaveLength(1);
    void useIssues.getState().load(query('qa'), 20);
    expect(pending).toHaveLength(2);
  });

  it('never lets an earlier selection overwrite a later one, whatever order the answers take', async () => {
    useIssues.getState().show(query('production'), 20);
    const production = last();
    useIssues.getState().show(query('staging'), 20);
    const staging = last();
    await staging.answer(page([2]));
    await production.answer(page([1]));
    expect(shownIds()).toEqual([2]);
    expect(useIssues.getState().shown).toEqual(query('staging'));

    useIssues.getState().show(query('qa'), 20);
    const qa = last();
    useIssues.getState().show(query('test'), 20);
    await qa.fail('qa failed');
    expect(useIssues.getState()).toMatchObject({ loading: true, error: null });
    await last().answer(page([4]));
    expect(shownIds()).toEqual([4]);
  });

  it('shows an error for a new selection without the previous rows', async () => {
    useIssues.getState().show(query(), 20);
    await last().answer(page([1]));
    useIssues.getState().show(query('qa'), 20);
    await last().fail('Outpost could not be reached.');
    expect(useIssues.getState()).toMatchObject({
      loading: false,
      error: 'Outpost could not be reached.',
    });
    expect(shownIds()).toEqual([]);
  });

  it('refreshes in place with its newest answer, and after a first page that was on its way', async () => {
    useIssues.getState().show(query(), 20);
    void useIssues.getState().refresh(query());
    expect(pending).toHaveLength(1);
    await last().answer(page([1]));
    expect(shownIds()).toEqual([1]);
    expect(last().input).toMatchObject({ cursor: 0, limit: 100 });
    await last().answer(page([1, 2]));
    expect(pending).toHaveLength(2);

    void useIssues.getState().refresh(query());
    const older = last();
    void useIssues.getState().refresh(query());
    const newer = last();
    expect(newer.input).toMatchObject({ cursor: 0, limit: 100 });
    await newer.answer(page([3, 1, 2]));
    await older.answer(page([1, 2]));
    expect(shownIds()).toEqual([3, 1, 2]);

    void useIssues.getState().refresh(query());
    const refresh = last();
    useIssues.getState().show(query('production'), 20);
    await refresh.answer(page([9]));
    expect(shownIds()).toEqual([3, 1, 2]);
  });

  it('drops a further page when a refresh replaced the list it continued', async () => {
    useIssues.getState().show(query(), 20);
    await last().answer(page([1, 2], 2));
    void useIssues.getState().loadMore(query());
    const more = last();
    void useIssues.getState().refresh(query());
    await last().answer(page([0, 1, 2], 3));
    await more.answer(page([3]));
    expect(shownIds()).toEqual([0, 1, 2]);
    expect(useIssues.getState()).toMatchObject({ nextCursor: 3, loadingMore: false });
  });
});
