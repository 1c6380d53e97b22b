import { useEffect, useMemo } from 'react';
import { onAppEvent } from '../../api/client';
import { EmptyState, ErrorBanner, Loading } from '../../components/Status';
import { useFilters } from '../../stores/filters';
import { EnvironmentsBreakdown } from './detail/EnvironmentsBreakdown';
import { useChosenEventId } from './detail/event-param';
import { EventsTable } from './detail/EventsTable';
import { useIssueEvents } from './detail/events-store';
import { BackLink, IssueHeader } from './detail/IssueHeader';
import { ShownEvent } from './detail/ShownEvent';
import { type DetailQuery, useIssueDetail } from './detail/store';
import './detail/detail.css';

/** Sentry's issue page, everything within the environments selected in the URL. */
export function IssueDetailPage({ issueId }: { issueId: number }) {
  const { environments } = useFilters();
  // Other parameters (the chosen event) change the URL too; only the selection restarts the page.
  const environmentsKey = JSON.stringify(environments);
  const query: DetailQuery = useMemo(
    () => ({ issueId, environments: JSON.parse(environmentsKey) as string[] }),
    [issueId, environmentsKey],
  );
  const issue = useIssueDetail((state) => state.issue);
  const error = useIssueDetail((state) => state.error);
  const load = useIssueDetail((state) => state.load);
  const refresh = useIssueDetail((state) => state.refresh);
  const loadEvents = useIssueEvents((state) => state.load);
  const refreshEvents = useIssueEvents((state) => state.refresh);
  const chosenId = useChosenEventId();

  useEffect(() => {
    void load(query);
    void loadEvents(query);
  }, [query, load, loadEvents]);
  useEffect(
    () =>
      onAppEvent((event) => {
        const mentioned =
          (event.type === 'ingested' || event.type === 'issues-changed') &&
          event.issueIds.includes(query.issueId);
        if (mentioned || event.type === 'data-cleared') {
          void refresh(query);
          void refreshEvents(query);
        }
      }),
    [query, refresh, refreshEvents],
  );

  if (error?.status === 404) {
    return (
      <section className="page">
        <EmptyState title="This issue does not exist (it may have been deleted)">
          <BackLink />
        </EmptyState>
      </section>
    );
  }
  if (!issue || issue.id !== issueId) {
    return (
      <section className="page">
        <BackLink />
        {error ? (
          <ErrorBanner message={error.message} onRetry={() => void load(query)} />
        ) : (
          <Loading what="issue" />
        )}
      </section>
    );
  }
  return (
    <section className="page issue-detail">
      <IssueHeader issue={issue} filtered={query.environments.length > 0} />
      {error && <ErrorBanner message={error.message} onRetry={() => void refresh(query)} />}
      <EnvironmentsBreakdown rows={issue.environments} selected={query.environments} />
      <div className="detail-columns">
        <div className="detail-main">
          <ShownEvent issue={issue} chosenId={chosenId} />
        </div>
        <aside className="detail-aside" aria-label="Issue events">
          <EventsTable query={query} shownId={chosenId ?? issue.latestEvent?.eventId ?? null} />
        </aside>
      </div>
    </section>
  );
}
