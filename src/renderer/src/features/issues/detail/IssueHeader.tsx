import type { IssueDetail } from '../../../../../shared/types';
import { fullTime, timeAgo } from '../../../components/time';
import { linkTo } from '../../../stores/filters';
import { navigate } from '../../../stores/location';
import { IssueActions } from './IssueActions';

const STATUS_LABELS = { unresolved: 'Unresolved', resolved: 'Resolved', ignored: 'Ignored' };

export function BackLink() {
  const href = linkTo('/issues');
  return (
    <a
      className="detail-back"
      href={href}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      ← Back to issues
    </a>
  );
}

interface SeenProps {
  label: string;
  selected: number;
  lifetime: number;
  filtered: boolean;
}

function Seen({ label, selected, lifetime, filtered }: SeenProps) {
  return (
    <div className="detail-stat">
      <dt>{label}</dt>
      <dd>
        {selected > 0 ? <time title={fullTime(selected)}>{timeAgo(selected)}</time> : '—'}
        {filtered && <small title={fullTime(lifetime)}>in all envs: {timeAgo(lifetime)}</small>}
      </dd>
    </div>
  );
}

/** Title, status, figures within the selected environments beside the lifetime ones, and actions. */
export function IssueHeader({ issue, filtered }: { issue: IssueDetail; filtered: boolean }) {
  const { lifetime } = issue;
  return (
    <header className="detail-header panel">
      <BackLink />
      <div className="detail-title">
        <span className={`level level-${issue.level}`} title={`Level: ${issue.level}`} />
        <div>
          <h1>{issue.title}</h1>
          <p className="culprit">
            {issue.culprit || '—'} · <span className="detail-short-id">{issue.shortId}</span> ·{' '}
            <span className="detail-level-name">{issue.level}</span> ·{' '}
            <span className={`detail-status detail-status-${issue.status}`}>
              {STATUS_LABELS[issue.status]}
            </span>
          </p>
        </div>
        <IssueActions issue={issue} />
      </div>
      <dl className="detail-stats">
        <div className="detail-stat">
          <dt>Events</dt>
          <dd>
            <strong>{issue.count.toLocaleString()}</strong>
            {filtered && <small>of {lifetime.count.toLocaleString()} in all envs</small>}
          </dd>
        </div>
        <div className="detail-stat">
          <dt>Users</dt>
          <dd>
            <strong>{issue.userCount.toLocaleString()}</strong>
            {filtered && <small>of {lifetime.userCount.toLocaleString()} in all envs</small>}
          </dd>
        </div>
        <Seen
          label="First seen"
          selected={issue.firstSeen}
          lifetime={lifetime.firstSeen}
          filtered={filtered}
        />
        <Seen
          label="Last seen"
          selected={issue.lastSeen}
          lifetime={lifetime.lastSeen}
          filtered={filtered}
        />
        <div className="detail-stat">
          <dt>First release</dt>
          <dd>{issue.firstRelease ?? '—'}</dd>
        </div>
      </dl>
    </header>
  );
}
