import { useState } from 'react';
import type { ProjectSummary } from '../../../../shared/types';
import { call } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { ErrorBanner, Loading } from '../../components/Status';
import { useFilters } from '../../stores/filters';
import { CopyButton } from './CopyButton';
import { CLI_EXAMPLE, cliSetup } from './snippets';

const MASK = '•'.repeat(16);
const getConnection = () => call('getConnectionInfo', {});
const RELOAD_ON = ['listener-changed'] as const;

/** The token sentry-cli and the Web API accept, with the shell setup for the chosen project. */
export function ApiTokenPanel({ projects }: { projects: ProjectSummary[] }) {
  const filters = useFilters();
  const { value: connection, error, reload: load } = useAnswer(getConnection, RELOAD_ON);
  const [shown, setShown] = useState(false);

  const selected =
    filters.projectIds.length === 1
      ? projects.find((project) => project.id === filters.projectIds[0])
      : undefined;
  const project = selected ?? projects[0];

  return (
    <section className="panel api-token" aria-labelledby="api-token-heading">
      <h2 id="api-token-heading">API token</h2>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {!connection && !error && <Loading what="the API token" />}
      {connection && (
        <>
          <p className="projects-hint">
            sentry-cli and scripts calling the Sentry Web API send this token; it only works against
            this Outpost.
          </p>
          <div className="token-row">
            <label>
              Token
              <input readOnly value={shown ? connection.authToken : MASK} />
            </label>
            <button type="button" onClick={() => setShown(!shown)}>
              {shown ? 'Hide' : 'Show'}
            </button>
            <CopyButton text={connection.authToken} label="Copy token" />
          </div>
          <h3>sentry-cli setup</h3>
          <p className="projects-hint">
            {project
              ? `For ${project.organizationSlug}/${project.slug}${selected ? '' : ' (choose another with the project selector above)'}.`
              : 'Create a project to fill in SENTRY_ORG and SENTRY_PROJECT.'}{' '}
            The copy holds the real token even while it is hidden here.
          </p>
          <pre className="code">
            <code>
              {cliSetup(connection.baseUrl, shown ? connection.authToken : MASK, project)}
            </code>
          </pre>
          <CopyButton
            text={cliSetup(connection.baseUrl, connection.authToken, project)}
            label="Copy"
            ariaLabel="Copy sentry-cli setup"
          />
          <p className="projects-hint">Then, for example, record a release and its deploy:</p>
          <pre className="code">
            <code>{CLI_EXAMPLE}</code>
          </pre>
          <CopyButton text={CLI_EXAMPLE} label="Copy" ariaLabel="Copy sentry-cli example" />
        </>
      )}
    </section>
  );
}
