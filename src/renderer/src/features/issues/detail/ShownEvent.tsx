import { useEffect } from 'react';
import type { IssueDetail } from '../../../../../shared/types';
import { EmptyState, ErrorBanner, Loading } from '../../../components/Status';
import { chooseEvent } from './event-param';
import { EventDetails } from './EventDetails';
import { useChosenEvent } from './events-store';

/** The event picked from the list when there is one, else the newest in the selection. */
export function ShownEvent({ issue, chosenId }: { issue: IssueDetail; chosenId: string | null }) {
  const { eventId, event, loading, error, show } = useChosenEvent();
  useEffect(() => {
    if (chosenId) void show(issue.projectId, chosenId);
  }, [chosenId, issue.projectId, show]);

  if (!chosenId) {
    if (!issue.latestEvent) {
      return (
        <EmptyState title="No events in the selected environments">
          <p>This issue has not been seen in the selected environments. Try All Environments.</p>
        </EmptyState>
      );
    }
    return <EventDetails event={issue.latestEvent} />;
  }
  const showLatest = () => chooseEvent(null);
  if (eventId === chosenId && error) {
    return (
      <div className="detail-event">
        <ErrorBanner message={error} onRetry={() => void show(issue.projectId, chosenId)} />
        <button type="button" onClick={showLatest}>
          Show latest event
        </button>
      </div>
    );
  }
  if (eventId !== chosenId || loading || !event) return <Loading what="event" />;
  if (event.issueId !== issue.id) {
    return (
      <div className="detail-event">
        <ErrorBanner message={`Event ${chosenId} belongs to another issue.`} />
        <button type="button" onClick={showLatest}>
          Show latest event
        </button>
      </div>
    );
  }
  return <EventDetails event={event} onShowLatest={showLatest} />;
}
