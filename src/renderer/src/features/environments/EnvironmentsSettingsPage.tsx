import { type MouseEvent, useState } from 'react';
import { call } from '../../api/client';
import { EmptyState, ErrorBanner, Loading } from '../../components/Status';
import { useEnvironmentOptions } from '../../stores/environments';
import { linkTo, useFilters } from '../../stores/filters';
import { navigate } from '../../stores/location';
import { useProjects } from '../../stores/projects';
import { EnvironmentTable } from './EnvironmentTable';
import { useProjectEnvironments } from './use-project-environments';
import './environments.css';

/** Project Settings → Environments: which environments the selector offers (spec §1.4, §2, §7). */
export function EnvironmentsSettingsPage() {
  const filters = useFilters();
  const projects = useProjects((state) => state.projects);
  const projectsLoaded = useProjects((state) => state.loaded);
  const [chosenId, setChosenId] = useState<number | null>(null);
  const fromFilter = filters.projectIds.length === 1 ? filters.projectIds[0] : undefined;
  const projectId =
    fromFilter ?? projects.find((project) => project.id === chosenId)?.id ?? projects[0]?.id;
  const project = projects.find((each) => each.id === projectId);
  const { environments, error, reload } = useProjectEnvironments(projectId);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const setHidden = async (names: string[], hidden: boolean) => {
    if (projectId === undefined) return false;
    setBusy(true);
    setActionError(null);
    try {
      await call('setEnvironmentsHidden', { projectId, names, hidden });
      await reload();
      // Update the selector now rather than when the pushed event comes round.
      await useEnvironmentOptions.getState().load(filters.projectIds);
      return true;
    } catch (failure) {
      setActionError((failure as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  // Deleting is confirmed by typing the name; it runs in batches while ingest goes on.
  const deleteData = async (name: string) => {
    if (projectId === undefined) return;
    const typed = window.prompt(
      `Delete every event of "${name}" in this project? The environment stays. Type its name to confirm.`,
    );
    if (typed === null) return;
    setBusy(true);
    setActionError(null);
    try {
      const { deleted } = await call('deleteEnvironmentData', {
        projectId,
        environment: name,
        confirm: typed,
      });
      setNotice(`Deleted ${deleted.toLocaleString()} events of ${name}.`);
    } catch (failure) {
      setActionError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const projectsHref = linkTo('/projects');
  const toProjects = (event: MouseEvent) => {
    event.preventDefault();
    navigate(projectsHref);
  };
  const visible = environments?.filter((env) => !env.isHidden) ?? [];
  const hidden = environments?.filter((env) => env.isHidden) ?? [];

  return (
    <section className="page environments-page">
      <header className="page-header">
        <div>
          <div className="environments-breadcrumb">
            Project Settings{project ? ` · ${project.organizationSlug}/${project.slug}` : ''}
          </div>
          <h1>Environments</h1>
        </div>
        {fromFilter === undefined && projects.length > 0 && (
          <select
            aria-label="Project to configure"
            value={projectId}
            onChange={(event) => setChosenId(Number(event.target.value))}
          >
            {projects.map((each) => (
              <option key={each.id} value={each.id}>
                {each.organizationSlug} / {each.slug}
              </option>
            ))}
          </select>
        )}
      </header>
      <p className="environment-note">
        Hiding an environment only takes it out of the environment selector. Its events stay stored
        and searchable, new events keep arriving in it, and you can show it again at any time.
      </p>
      {error && <ErrorBanner message={error} onRetry={() => void reload()} />}
      {actionError && <ErrorBanner message={actionError} />}
      {!projectsLoaded && <Loading what="projects" />}
      {projectsLoaded && projects.length === 0 && (
        <EmptyState title="No projects yet">
          <p>
            Create a project on the{' '}
            <a href={projectsHref} onClick={toProjects}>
              Projects
            </a>{' '}
            page; its environments appear here once it receives events.
          </p>
        </EmptyState>
      )}
      {projectId !== undefined && !environments && !error && <Loading what="environments" />}
      {environments && environments.length === 0 && (
        <EmptyState title="No environments yet">
          <p>
            An environment appears when an event arrives with one set, for example{' '}
            <code>Sentry.init({"{ dsn, environment: 'production' }"})</code>.
          </p>
          <p>
            Find this project&apos;s DSN on the{' '}
            <a href={projectsHref} onClick={toProjects}>
              Projects
            </a>{' '}
            page.
          </p>
        </EmptyState>
      )}
      {notice && (
        <p role="status" className="environment-note">
          {notice}
        </p>
      )}
      {environments && environments.length > 0 && (
        <div className="environment-lists">
          <EnvironmentTable
            title="Visible"
            action="Hide"
            environments={visible}
            emptyText="Every environment is hidden: the selector offers none of them."
            busy={busy}
            onApply={(names) => setHidden(names, true)}
            onDeleteData={(name) => void deleteData(name)}
          />
          <EnvironmentTable
            title="Hidden"
            action="Show"
            environments={hidden}
            emptyText="No hidden environments. Hide one to take it out of the selector."
            busy={busy}
            onApply={(names) => setHidden(names, false)}
            onDeleteData={(name) => void deleteData(name)}
          />
        </div>
      )}
    </section>
  );
}
