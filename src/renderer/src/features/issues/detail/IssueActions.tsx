import { useState } from 'react';
import type { IssueDetail, IssueStatus } from '../../../../../shared/types';
import { ErrorBanner } from '../../../components/Status';
import { linkTo } from '../../../stores/filters';
import { navigate } from '../../../stores/location';
import { useIssueDetail } from './store';

/** Resolve, unresolve, ignore and delete, as Sentry's issue actions. */
export function IssueActions({ issue }: { issue: IssueDetail }) {
  const setStatus = useIssueDetail((state) => state.setStatus);
  const remove = useIssueDetail((state) => state.remove);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };
  const update = (status: IssueStatus) => run(() => setStatus(issue.id, status));
  const confirmDelete = () => {
    const events = issue.lifetime.count;
    const question = `Delete ${issue.shortId} and its ${events.toLocaleString()} ${events === 1 ? 'event' : 'events'}? This cannot be undone.`;
    if (!window.confirm(question)) return;
    void run(async () => {
      await remove(issue.id);
      navigate(linkTo('/issues'));
    });
  };

  return (
    <div className="detail-actions">
      <div className="detail-action-buttons" role="group" aria-label="Issue actions">
        {issue.status !== 'resolved' && (
          <button
            type="button"
            className="primary"
            disabled={pending}
            onClick={() => void update('resolved')}
          >
            Resolve
          </button>
        )}
        {issue.status !== 'unresolved' && (
          <button type="button" disabled={pending} onClick={() => void update('unresolved')}>
            Unresolve
          </button>
        )}
        {issue.status !== 'ignored' && (
          <button type="button" disabled={pending} onClick={() => void update('ignored')}>
            Ignore
          </button>
        )}
        <button type="button" className="danger" disabled={pending} onClick={confirmDelete}>
          Delete
        </button>
      </div>
      {error && <ErrorBanner message={error} />}
    </div>
  );
}
