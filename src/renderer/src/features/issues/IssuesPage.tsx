import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssueSort } from '../../../../shared/types';
import { onAppEvent } from '../../api/client';
import { Sparkline } from '../../components/Sparkline';
import { EmptyState, ErrorBanner, Loading } from '../../components/Status';
import { timeAgo } from '../../components/time';
import { linkTo, useFilters } from '../../stores/filters';
import { navigate, useLocation } from '../../stores/location';
import { type IssueQuery, useIssues } from '../../stores/issues';
import { SetupHint } from '../projects/SetupHint';

const ROW_HEIGHT = 56;
const SORTS: { value: IssueSort; label: string }[] = [
  { value: 'date', label: 'Last Seen' },
  { value: 'new', label: 'First Seen' },
  { value: 'freq', label: 'Events' },
];

/** Search and sort live in the URL beside the global selection. */
function useListParams() {
  const search = useLocation((state) => state.search);
  return useMemo(() => {
    const params = new URLSearchParams(search);
    const sort = (params.get('sort') as IssueSort | null) ?? 'date';
    return {
      query: params.get('query') ?? 'is:unresolved',
      sort: SORTS.some((s) => s.value === sort) ? sort : 'date',
    };
  }, [search]);
}

function setParam(name: string, value: string) {
  const { pathname, search } = useLocation.getState();
  const params = new URLSearchParams(search);
  params.set(name, value);
  navigate(`${pathname}?${params.toString()}`, { replace: true });
}

export function IssuesPage() {
  const filters = useFilters();
  const { query, sort } = useListParams();
  const issueQuery: IssueQuery = useMemo(
    () => ({ projectIds: filters.projectIds, environments: filters.environments, query, sort }),
    [filters, query, sort],
  );
  const { issues, loading, error, nextCursor, load, loadMore, refresh } = useIssues();
  const [draft, setDraft] = useState(query);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => setDraft(query), [query]);
  useEffect(() => {
    void load(issueQuery);
  }, [issueQuery, load]);
  useEffect(
    () =>
      onAppEvent((event) => {
        if (
          event.type === 'ingested' ||
          event.type === 'issues-changed' ||
          event.type === 'data-cleared'
        ) {
          void refresh(issueQuery);
        }
      }),
    [issueQuery, refresh],
  );

  const virtualizer = useVirtualizer({
    count: issues.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  useEffect(() => {
    if (last && last.index >= issues.length - 20 && nextCursor !== null) void loadMore(issueQuery);
  }, [last, issues.length, nextCursor, loadMore, issueQuery]);

  return (
    <section className="page issues-page">
      <header className="page-header">
        <h1>Issues</h1>
        <form
          className="search"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setParam('query', draft);
          }}
        >
          <input
            type="search"
            aria-label="Search issues"
            value={draft}
            placeholder="is:unresolved level:error release:1.0 text"
            onChange={(event) => setDraft(event.target.value)}
          />
        </form>
        <label className="sort">
          Sort by{' '}
          <select
            aria-label="Sort by"
            value={sort}
            onChange={(event) => setParam('sort', event.target.value)}
          >
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && <ErrorBanner message={error} onRetry={() => void load(issueQuery)} />}
      <div className="grid" role="grid" aria-label="Issues" aria-rowcount={issues.length + 1}>
        <div className="grid-head" role="row">
          <span role="columnheader">Issue</span>
          <span role="columnheader">Last 24h</span>
          <span role="columnheader">Events</span>
          <span role="columnheader">Users</span>
          <span role="columnheader">First seen</span>
          <span role="columnheader">Last seen</span>
        </div>
        <div className="grid-body" ref={scroller}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const issue = issues[item.index]!;
              const href = linkTo(`/issues/${issue.id}`);
              return (
                <div
                  key={issue.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="grid-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <span role="gridcell" className="issue-cell">
                    <span className={`level level-${issue.level}`} title={issue.level} />
                    <a
                      href={href}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(href);
                      }}
                    >
                      <strong>{issue.title}</strong>
                    </a>
                    <span className="culprit">
                      {issue.shortId} · {issue.culprit || '—'}
                      {issue.status !== 'unresolved' && (
                        <em className="status-tag"> {issue.status}</em>
                      )}
                    </span>
                  </span>
                  <span role="gridcell">
                    <Sparkline values={issue.sparkline} label="Events" />
                  </span>
                  <span role="gridcell" className="number">
                    {issue.count.toLocaleString()}
                  </span>
                  <span role="gridcell" className="number">
                    {issue.userCount.toLocaleString()}
                  </span>
                  <span role="gridcell">{timeAgo(issue.firstSeen)}</span>
                  <span role="gridcell">{timeAgo(issue.lastSeen)}</span>
                </div>
              );
            })}
          </div>
          {loading && issues.length === 0 && <Loading what="issues" />}
          {!loading && !error && issues.length === 0 && (
            <EmptyState title="No issues match">
              {filters.environments.length > 0 || query !== 'is:unresolved' ? (
                <p>
                  Nothing in the selected environments matches this search. Try All Environments.
                </p>
              ) : (
                <SetupHint />
              )}
            </EmptyState>
          )}
        </div>
      </div>
    </section>
  );
}
