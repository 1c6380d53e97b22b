import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { onAppEvent } from '../../api/client';
import { EmptyState, ErrorBanner, Loading } from '../../components/Status';
import { filterSearch } from '../../stores/filters';
import { useIssues } from '../../stores/issues';
import { navigate, useLocation } from '../../stores/location';
import { SetupHint } from '../projects/SetupHint';
import { IssueRow, ROW_HEIGHT } from './IssueRow';
import { SORTS, readIssueQuery } from './list-query';

const OVERSCAN = 10;

/** Enough rows to fill the window and the overscan below it; the rest follow with loadMore. */
const firstPageSize = () => Math.ceil(window.innerHeight / ROW_HEIGHT) + OVERSCAN;

/**
 * Runs `task` once the frame being prepared has been painted; returns a cancel. The rows below
 * the window are asked for only then, so that their request (and the server's work on it) never
 * holds up the frame that shows the first page.
 */
function afterPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Asks for the first page of the list in the URL at once. At start-up this runs before React's
 * first render, which, with the paint before its effects, took a tenth of a second on a small
 * machine; the page then shows the list already on its way instead of asking again.
 */
export function requestIssueList() {
  useIssues.getState().show(readIssueQuery(useLocation.getState().search), firstPageSize());
}

function setParam(name: string, value: string) {
  const { pathname, search } = useLocation.getState();
  const params = new URLSearchParams(search);
  params.set(name, value);
  navigate(`${pathname}?${params.toString()}`, { replace: true });
}

export function IssuesPage() {
  const search = useLocation((state) => state.search);
  const issueQuery = useMemo(() => readIssueQuery(search), [search]);
  const { query, sort } = issueQuery;
  const issues = useIssues((state) => state.issues);
  const shown = useIssues((state) => state.shown);
  // The rows' links carry the selection their figures were counted in, so that the previous
  // list, still on screen while the next one loads, is left exactly as it was.
  const selection = useMemo(() => (shown ? filterSearch(shown) : ''), [shown]);
  const nextCursor = useIssues((state) => state.nextCursor);
  const loading = useIssues((state) => state.loading);
  const error = useIssues((state) => state.error);
  const [draft, setDraft] = useState(query);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => setDraft(query), [query]);
  // The list follows the URL from within the click or keystroke that changes it, so the request
  // leaves before React renders the new selection rather than from an effect after that render.
  useEffect(() => {
    const { show, clear } = useIssues.getState();
    requestIssueList();
    const unsubscribe = useLocation.subscribe((location, previous) => {
      if (location.pathname === previous.pathname && location.search !== previous.search)
        show(readIssueQuery(location.search), firstPageSize());
    });
    return () => {
      unsubscribe();
      clear();
    };
  }, []);
  // Any other change of the query (a new path that keeps this page) lands here, after the render.
  useEffect(() => useIssues.getState().show(issueQuery, firstPageSize()), [issueQuery]);
  useEffect(
    () =>
      onAppEvent((event) => {
        if (
          event.type === 'ingested' ||
          event.type === 'issues-changed' ||
          event.type === 'data-cleared'
        ) {
          void useIssues.getState().refresh(readIssueQuery(useLocation.getState().search));
        }
      }),
    [],
  );

  const virtualizer = useVirtualizer({
    count: issues.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  // A new list starts at its top, as it did when the table emptied while loading. The
  // virtualiser's own offset, not the element's: reading scrollTop here would force a layout.
  useLayoutEffect(() => {
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0);
  }, [shown, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex < 0 || lastIndex < issues.length - 20 || nextCursor === null) return;
    return afterPaint(() => void useIssues.getState().loadMore(issueQuery));
  }, [lastIndex, issues, nextCursor, issueQuery]);

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
      {error && (
        <ErrorBanner
          message={error}
          onRetry={() => void useIssues.getState().load(issueQuery, firstPageSize())}
        />
      )}
      <div
        className="grid"
        role="grid"
        aria-label="Issues"
        aria-rowcount={issues.length + 1}
        aria-busy={loading}
      >
        <div className="grid-head" role="row">
          <span role="columnheader">Issue</span>
          <span role="columnheader">Last 24h</span>
          <span role="columnheader">Events</span>
          <span role="columnheader">Users</span>
          <span role="columnheader">First seen</span>
          <span role="columnheader">Last seen</span>
        </div>
        <div className="grid-body" ref={scroller}>
          <div className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <IssueRow
                key={item.index}
                issue={issues[item.index]!}
                index={item.index}
                start={item.start}
                selection={selection}
              />
            ))}
          </div>
          {loading && issues.length === 0 && <Loading what="issues" />}
          {!loading && !error && issues.length === 0 && (
            <EmptyState title="No issues match">
              {issueQuery.environments.length > 0 || query !== 'is:unresolved' ? (
                <p>
                  Nothing in the selected environments matches this search. Try All Environments.
                </p>
              ) : (
                <SetupHint />
              )}
            </EmptyState>
          )}
        </div>
        {/* The previous list stays until the new one arrives: no empty table in between. */}
        {loading && issues.length > 0 && (
          <div className="grid-loading">
            <Loading what="issues" />
          </div>
        )}
      </div>
    </section>
  );
}
