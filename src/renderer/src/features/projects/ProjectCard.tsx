import { useId } from 'react';
import type { ProjectSummary } from '../../../../shared/types';
import { navigate } from '../../stores/location';
import { CopyButton } from './CopyButton';
import { SdkSnippets } from './SdkSnippets';

/** One project: its DSN and the code that points an SDK at it. */
export function ProjectCard({ project }: { project: ProjectSummary }) {
  const headingId = useId();
  const issuesHref = `/issues?project=${project.id}`;
  return (
    <article className="panel project-card" aria-labelledby={headingId}>
      <header className="project-card-header">
        <h3 id={headingId}>{project.name}</h3>
        <span className="projects-hint">
          {project.organizationSlug}/{project.slug} · {project.platform ?? 'no platform'}
        </span>
        <a
          href={issuesHref}
          onClick={(event) => {
            event.preventDefault();
            navigate(issuesHref);
          }}
        >
          View issues
        </a>
      </header>
      {project.dsn ? (
        <>
          <div className="dsn-row">
            <label>
              DSN
              <input
                readOnly
                value={project.dsn}
                onFocus={(event) => event.currentTarget.select()}
              />
            </label>
            <CopyButton text={project.dsn} label="Copy DSN" />
          </div>
          <SdkSnippets dsn={project.dsn} platform={project.platform} />
        </>
      ) : (
        <p className="error-text">
          This project has no active client key, so it has no DSN to send events to.
        </p>
      )}
    </article>
  );
}
