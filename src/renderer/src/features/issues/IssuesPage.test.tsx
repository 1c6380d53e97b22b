// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssuePage, IssueSummary } from '../../../../shared/types';
import { setFilters } from '../../stores/filters';
import { useIssues } from '../../stores/issues';
import { useLocation } from '../../stores/location';
import { IssuesPage } from './IssuesPage';

interface PendingCall {
  input: { environments: string[]; cursor: number; limit: number };
  answer(page: IssuePage): Promise<void>;
}
const pending: PendingCall[] = [];

vi.mock('../../api/client', () => ({
  call: (_name: string, input: PendingCall['input']) =>
    new Promise((resolve) => {
      pending.push({
        input,
        answer: (page) =>
          act(async () => {
            resolve(page);
            await new Promise((done) => setTimeout(done, 0));
          }),
      });
    }),
  onAppEvent: () => () => {},
}));

const issue = (id: number, title: string): IssueSummary => ({
  id,
  projectId: 1,
  projectSlug: 'web',
  shortId: `WEB-${id}`,
  title,
  culprit: 'checkout',
  level: 'error',
  status: 'unresolved',
  type: 'error',
  count: 1234,
  userCount: 2,
  firstSeen: 0,
  lastSeen: 0,
  sparkline: [0, 3, 1],
});
const rows = () =>
  within(screen.getByRole('grid', { name: 'Issues' }))
    .queryAllByRole('row')
    .filter((row) => within(row).queryAllByRole('gridcell').length > 0);

describe('IssuesPage', () => {
  // jsdom lays nothing out: give the list a height so that the virtualiser shows rows.
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get: () => 600,
    });
  });
  afterAll(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  });
  beforeEach(() => {
    pending.length = 0;
    window.history.replaceState(null, '', '/issues');
    useLocation.setState({ pathname: '/issues', search: '' });
    useIssues.setState({ key: null, issues: [], shown: null, nextCursor: null, loading: false });
  });
  afterEach(cleanup);

  it('sends the request for a new selection before rendering it, and keeps the old rows meanwhile', async () => {
    render(<IssuesPage />);
    expect(pending).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('Loading issues');
    await pending[0]!.answer({ issues: [issue(1, 'payment declined')], nextCursor: null });
    expect(rows()).toHaveLength(1);

    act(() => {
      setFilters({ projectIds: [], environments: ['staging'] });
      // Still inside the click: React has not rendered the new selection yet.
      expect(pending).toHaveLength(2);
      expect(pending[1]!.input).toMatchObject({ environments: ['staging'], cursor: 0 });
    });
    expect(window.location.search).toBe('?environment=staging');
    expect(screen.getByRole('grid', { name: 'Issues' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Loading issues');
    expect(rows()[0]!.textContent).toContain('payment declined');
    // The old rows link with the selection they were counted in.
    expect(within(rows()[0]!).getByRole('link').getAttribute('href')).toBe('/issues/1');

    await pending[1]!.answer({ issues: [issue(2, 'cache miss storm')], nextCursor: null });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain('cache miss storm');
    expect(rows()[0]!.textContent).toContain('1,234');
    expect(within(rows()[0]!).getByRole('link').getAttribute('href')).toBe(
      '/issues/2?environment=staging',
    );
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('asks for the rows below the window once the first page is painted', async () => {
    render(<IssuesPage />);
    expect(pending[0]!.input.limit).toBeLessThan(100);
    const first = Array.from({ length: pending[0]!.input.limit }, (_, index) =>
      issue(index + 1, `issue ${index + 1}`),
    );
    await pending[0]!.answer({ issues: first, nextCursor: first.length });
    expect(pending).toHaveLength(1);
    await act(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 10))));
    expect(pending).toHaveLength(2);
    expect(pending[1]!.input).toMatchObject({ cursor: first.length, limit: 100 });
  });
});
