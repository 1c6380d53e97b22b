import { type Breadcrumb, valueText } from './payload';

const clock = (ms: number) => {
  const time = new Date(ms);
  const pad = (value: number, size = 2) => String(value).padStart(size, '0');
  return `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
};

/** The trail of breadcrumbs that led to the event, newest first as Sentry lists them. */
export function BreadcrumbsSection({ crumbs }: { crumbs: Breadcrumb[] }) {
  return (
    <section className="panel detail-section" aria-label="Breadcrumbs">
      <h2>Breadcrumbs</h2>
      <table className="table breadcrumbs">
        <thead>
          <tr>
            <th>Time</th>
            <th>Category</th>
            <th>Level</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {crumbs.map((crumb, index) => (
            <tr key={index}>
              <td className="breadcrumb-time">
                {crumb.time === undefined ? (
                  '—'
                ) : (
                  <time title={new Date(crumb.time).toLocaleString()}>{clock(crumb.time)}</time>
                )}
              </td>
              <td>{crumb.category ?? crumb.type ?? 'default'}</td>
              <td>
                <span className={`detail-level-chip level-text-${crumb.level ?? 'info'}`}>
                  {crumb.level ?? 'info'}
                </span>
              </td>
              <td className="breadcrumb-description">
                {crumb.message && <div>{crumb.message}</div>}
                {crumb.data !== undefined && <pre>{valueText(crumb.data)}</pre>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
