import { useMemo } from 'react';
import type { EventDetail } from '../../../../../shared/types';
import { environmentLabel } from '../../../components/EnvironmentSelector';
import { fullTime } from '../../../components/time';
import { BreadcrumbsSection } from './BreadcrumbsSection';
import {
  ContextsSection,
  RequestSection,
  SdkSection,
  TagsSection,
  UserSection,
} from './ContextSections';
import { ExceptionSection, MessageSection, ThreadSection } from './ExceptionSection';
import {
  readBreadcrumbs,
  readContexts,
  readErrors,
  readExceptions,
  readMessage,
  readObject,
  readTags,
  readThreadFrames,
} from './payload';
import { ProcessingErrors } from './ProcessingErrors';
import { RawJson } from './RawJson';

interface Props {
  event: EventDetail;
  /** Set when the event was picked from the list rather than the newest in the selection. */
  onShowLatest?: () => void;
}

/** One event as Sentry's issue page shows it: what went wrong first, then what surrounded it. */
export function EventDetails({ event, onShowLatest }: Props) {
  const { payload } = event;
  const chosen = onShowLatest !== undefined;
  const entries = useMemo(
    () => ({
      exceptions: readExceptions(payload),
      threadFrames: readThreadFrames(payload),
      message: readMessage(payload),
      breadcrumbs: readBreadcrumbs(payload),
      tags: readTags(payload),
      contexts: readContexts(payload),
      user: readObject(payload, 'user'),
      request: readObject(payload, 'request'),
      sdk: readObject(payload, 'sdk'),
      errors: readErrors(payload),
    }),
    [payload],
  );
  const hasException = entries.exceptions.length > 0;

  return (
    <div className="detail-event">
      <div className="detail-event-header">
        <h2>
          {chosen ? 'Event' : 'Latest event'}{' '}
          <code className="detail-event-id" title={event.eventId}>
            {event.eventId.slice(0, 8)}
          </code>
        </h2>
        <span className="chip">
          <span className="chip-key">env</span> {environmentLabel(event.environment)}
        </span>
        {event.release && (
          <span className="chip">
            <span className="chip-key">release</span> {event.release}
          </span>
        )}
        <time dateTime={new Date(event.timestamp).toISOString()}>{fullTime(event.timestamp)}</time>
        {onShowLatest && (
          <button type="button" onClick={onShowLatest}>
            Show latest event
          </button>
        )}
      </div>
      {entries.errors.length > 0 && <ProcessingErrors errors={entries.errors} />}
      {hasException && <ExceptionSection exceptions={entries.exceptions} />}
      {!hasException && entries.threadFrames.length > 0 && (
        <ThreadSection frames={entries.threadFrames} />
      )}
      {entries.message !== undefined && <MessageSection message={entries.message} />}
      {entries.breadcrumbs.length > 0 && <BreadcrumbsSection crumbs={entries.breadcrumbs} />}
      {entries.tags.length > 0 && <TagsSection tags={entries.tags} />}
      {entries.contexts.length > 0 && <ContextsSection contexts={entries.contexts} />}
      {entries.user && <UserSection user={entries.user} />}
      {entries.request && <RequestSection request={entries.request} />}
      {entries.sdk && <SdkSection sdk={entries.sdk} />}
      <RawJson payload={payload} />
    </div>
  );
}
