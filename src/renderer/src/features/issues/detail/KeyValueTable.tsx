import { valueText } from './payload';

/** A small two-column table: names on the left, values (JSON when not text) on the right. */
export function KeyValueTable({ rows, label }: { rows: [string, unknown][]; label: string }) {
  return (
    <table className="table key-values" aria-label={label}>
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>
              {typeof value === 'object' && value !== null ? (
                <pre className="key-value-json">{valueText(value)}</pre>
              ) : (
                valueText(value)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
