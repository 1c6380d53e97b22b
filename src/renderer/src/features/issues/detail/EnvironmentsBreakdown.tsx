import type { IssueEnvironmentFigures } from '../../../../../shared/types';
import { environmentLabel } from '../../../components/EnvironmentSelector';
import { fullTime, timeAgo } from '../../../components/time';

interface Props {
  rows: IssueEnvironmentFigures[];
  /** The selected environments; none means all. */
  selected: string[];
}

/** Every environment the issue was seen in, whatever the filter; the selected ones stand out. */
export function EnvironmentsBreakdown({ rows, selected }: Props) {
  const isSelected = (name: string) => selected.length === 0 || selected.includes(name);
  return (
    <div className="panel detail-breakdown">
      <h2>Environments</h2>
      <table className="table" aria-label="Environments breakdown">
        <thead>
          <tr>
            <th>Environment</th>
            <th className="number">Events</th>
            <th className="number">Users</th>
            <th>First seen</th>
            <th>Last seen</th>
            <th>First release</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.environment || '(none)'}
              className={isSelected(row.environment) ? 'is-selected' : undefined}
              aria-current={isSelected(row.environment) ? 'true' : undefined}
            >
              <td>{environmentLabel(row.environment)}</td>
              <td className="number">{row.count.toLocaleString()}</td>
              <td className="number">{row.userCount.toLocaleString()}</td>
              <td title={fullTime(row.firstSeen)}>{timeAgo(row.firstSeen)}</td>
              <td title={fullTime(row.lastSeen)}>{timeAgo(row.lastSeen)}</td>
              <td>{row.firstRelease ?? '—'}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Not seen in any environment yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
