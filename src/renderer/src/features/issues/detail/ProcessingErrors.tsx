import { type JsonObject, valueText } from './payload';

// Sentry's wording for the event error types (sentry:src/sentry/models/eventerror.py).
const DESCRIPTIONS: Record<string, string> = {
  invalid_data: 'Discarded invalid value',
  invalid_attribute: 'Discarded unknown attribute',
  missing_attribute: 'Missing value for required attribute',
  value_too_long: 'Discarded value due to exceeding maximum length',
  future_timestamp: 'Invalid timestamp (in future)',
  past_timestamp: 'Invalid timestamp (too old)',
  clock_drift: 'Clock drift detected in SDK',
};

/** What was dropped or corrected while the event was stored, so a person can fix the SDK setup. */
export function ProcessingErrors({ errors }: { errors: JsonObject[] }) {
  return (
    <section className="panel detail-section processing-errors" aria-label="Processing errors">
      <h2>Processing errors</h2>
      <ul>
        {errors.map((error, index) => {
          const type = valueText(error.type);
          const details = Object.entries(error).filter(([key]) => key !== 'type' && key !== 'name');
          return (
            <li key={index}>
              <strong>{DESCRIPTIONS[type] ?? type}</strong>
              {error.name !== undefined && (
                <>
                  {' '}
                  for <code>{valueText(error.name)}</code>
                </>
              )}
              {details.length > 0 && (
                <dl>
                  {details.map(([key, value]) => (
                    <div key={key}>
                      <dt>{key}</dt>
                      <dd>
                        <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
