import { environmentLabel } from '../../../components/EnvironmentSelector';
import { ErrorBanner, Loading } from '../../../components/Status';
import { fullTime, timeAgo } from '../../../components/time';
import { chooseEvent, eventHref } from './event-param';
import { useIssueEvents } from './events-store';
import type { DetailQuery } from './store';

interface Props {
  query: DetailQuery;
  /** The event shown beside the list. */
  shownId: string | null;
}

/** The issue's events within the selected environments; picking one shows it in place. */
export function EventsTable({ query, shownId }: Props) {
  const { events, nextCursor, loading, error, load, loadMore } = useIssueEvents();
  return (
    <div className="panel detail-events">
      <h2>Events</h2>
      {error && <ErrorBanner message={error} onRetry={() => void load(query)} />}
      <table className="table" aria-label="Events">
        <thead>
          <tr>
            <th>Event</th>
            <th>Environment</th>
            <th>Release</th>
            <th>Level</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const shown = event.eventId === shownId;
            const href = eventHref(event.eventId);
            return (
              <tr
                key={event.eventId}
                className={shown ? 'is-selected' : undefined}
                aria-current={shown ? 'true' : undefined}
              >
                <td>
                  <a
                    className="detail-event-id"
                    href={href}
                    title={event.eventId}
                    onClick={(click) => {
                      click.preventDefault();
                      chooseEvent(event.eventId);
                    }}
                  >
                    {event.eventId.slice(0, 8)}
                  </a>
                </td>
                <td>{environmentLabel(event.environment)}</td>
                <td className="detail-ellipsis" title={event.release ?? undefined}>
                  {event.release ?? '—'}
                </td>
                <td>
                  <span className={`detail-level-chip level-text-${event.level}`}>
                    {event.level}
                  </span>
                </td>
                <td title={fullTime(event.timestamp)}>{timeAgo(event.timestamp)}</td>
              </tr>
            );
          })}
          {!loading && !error && events.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No events in the selected environments.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {loading && <Loading what="events" />}
      {nextCursor !== null && !loading && (
        <button type="button" className="detail-load-more" onClick={() => void loadMore(query)}>
          Load more
        </button>
      )}
    </div>
  );
}
