import { memo } from 'react';
import type { IssueSummary } from '../../../../shared/types';
import { Sparkline } from '../../components/Sparkline';
import { timeAgo } from '../../components/time';
import { navigate } from '../../stores/location';

export const ROW_HEIGHT = 56;

// One formatter for every cell: toLocaleString() builds a new one per call.
const counts = new Intl.NumberFormat();

interface IssueRowProps {
  issue: IssueSummary;
  /** The row's place in the list, from 0. */
  index: number;
  /** Pixels from the top of the list. */
  start: number;
  /** The selection's query string, carried by the link. */
  selection: string;
}

/**
 * One row of the virtualised issue list. Rows are keyed by their place, not by issue, so a new
 * selection updates the rows on screen in place instead of replacing them; memoised, so a
 * render of the page that leaves a row's issue alone leaves the row alone too.
 */
export const IssueRow = memo(function IssueRow({ issue, index, start, selection }: IssueRowProps) {
  const href = `/issues/${issue.id}${selection}`;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="grid-row"
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
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
          {issue.status !== 'unresolved' && <em className="status-tag"> {issue.status}</em>}
        </span>
      </span>
      <span role="gridcell">
        <Sparkline values={issue.sparkline} label="Events" />
      </span>
      <span role="gridcell" className="number">
        {counts.format(issue.count)}
      </span>
      <span role="gridcell" className="number">
        {counts.format(issue.userCount)}
      </span>
      <span role="gridcell">{timeAgo(issue.firstSeen)}</span>
      <span role="gridcell">{timeAgo(issue.lastSeen)}</span>
    </div>
  );
});
