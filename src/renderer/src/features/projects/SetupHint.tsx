import { linkTo, useFilters } from '../../stores/filters';
import { navigate } from '../../stores/location';
import { useProjects } from '../../stores/projects';

/** The first step for a new user: the selected project's DSN, to paste into an SDK. */
export function SetupHint() {
  const { projectIds } = useFilters();
  const projects = useProjects((state) => state.projects);
  const project = projects.find((each) => each.id === projectIds[0]) ?? projects[0];
  const href = linkTo('/projects');
  return (
    <div className="setup-hint">
      <p>Point a Sentry SDK at Outpost and its errors appear here as they happen.</p>
      {project && (
        <pre>
          <code>{`Sentry.init({ dsn: '${project.dsn}', environment: 'development' });`}</code>
        </pre>
      )}
      <p>
        See{' '}
        <a
          href={href}
          onClick={(event) => {
            event.preventDefault();
            navigate(href);
          }}
        >
          Projects
        </a>{' '}
        for every DSN and ready snippets.
      </p>
    </div>
  );
}
