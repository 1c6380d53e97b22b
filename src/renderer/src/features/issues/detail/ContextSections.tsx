import { KeyValueTable } from './KeyValueTable';
import { type JsonObject, isObject, valueText } from './payload';

export function TagsSection({ tags }: { tags: [string, string][] }) {
  return (
    <section className="panel detail-section" aria-label="Tags">
      <h2>Tags</h2>
      <ul className="tag-chips">
        {tags.map(([key, value], index) => (
          <li key={`${key}-${index}`} className="chip">
            <span className="chip-key">{key}</span> <span className="chip-value">{value}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ContextsSection({ contexts }: { contexts: [string, JsonObject][] }) {
  return (
    <section className="panel detail-section" aria-label="Contexts">
      <h2>Contexts</h2>
      <div className="context-grid">
        {contexts.map(([name, context]) => (
          <div key={name} className="context">
            <h3>{name}</h3>
            <KeyValueTable label={`Context ${name}`} rows={Object.entries(context)} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function UserSection({ user }: { user: JsonObject }) {
  return (
    <section className="panel detail-section" aria-label="User">
      <h2>User</h2>
      <KeyValueTable label="User details" rows={Object.entries(user)} />
    </section>
  );
}

/** Headers and cookies arrive as `[[name, value], …]` or as an object; one per line reads best. */
function pairsText(value: unknown): unknown {
  const pairs = Array.isArray(value)
    ? value.filter((pair): pair is unknown[] => Array.isArray(pair) && pair.length === 2)
    : isObject(value)
      ? Object.entries(value)
      : null;
  if (!pairs || pairs.length === 0) return value;
  return pairs.map(([name, each]) => `${valueText(name)}: ${valueText(each)}`).join('\n');
}

export function RequestSection({ request }: { request: JsonObject }) {
  const method = typeof request.method === 'string' ? request.method : undefined;
  const url = typeof request.url === 'string' ? request.url : undefined;
  const rest = Object.entries(request)
    .filter(([key]) => key !== 'method' && key !== 'url')
    .map(([key, value]): [string, unknown] =>
      key === 'headers' || key === 'cookies' || key === 'env'
        ? [key, pairsText(value)]
        : [key, value],
    );
  return (
    <section className="panel detail-section" aria-label="Request">
      <h2>Request</h2>
      {(method || url) && (
        <p className="request-line">
          {method && <strong>{method}</strong>} {url}
        </p>
      )}
      {rest.length > 0 && <KeyValueTable label="Request details" rows={rest} />}
    </section>
  );
}

export function SdkSection({ sdk }: { sdk: JsonObject }) {
  const integrations = Array.isArray(sdk.integrations) ? sdk.integrations.length : 0;
  return (
    <section className="panel detail-section" aria-label="SDK">
      <h2>SDK</h2>
      <p>
        <span className="chip">
          <span className="chip-key">name</span> {valueText(sdk.name) || 'unknown'}
        </span>{' '}
        <span className="chip">
          <span className="chip-key">version</span> {valueText(sdk.version) || 'unknown'}
        </span>
        {integrations > 0 && <span className="muted-inline"> · {integrations} integrations</span>}
      </p>
    </section>
  );
}
