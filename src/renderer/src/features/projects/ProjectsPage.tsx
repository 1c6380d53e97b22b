import { useEffect } from 'react';
import { onAppEvent } from '../../api/client';
import { EmptyState, ErrorBanner, Loading } from '../../components/Status';
import { useProjects } from '../../stores/projects';
import { ApiTokenPanel } from './ApiTokenPanel';
import { CreateOrganizationForm } from './CreateOrganizationForm';
import { CreateProjectForm } from './CreateProjectForm';
import { ProjectCard } from './ProjectCard';
import './projects.css';

export function ProjectsPage() {
  const organizations = useProjects((state) => state.organizations);
  const projects = useProjects((state) => state.projects);
  const loaded = useProjects((state) => state.loaded);
  const error = useProjects((state) => state.error);
  const load = useProjects((state) => state.load);

  // DSNs carry the listening address: they change with it.
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type === 'listener-changed') void load();
      }),
    [load],
  );

  return (
    <section className="page projects-page">
      <header className="page-header">
        <h1>Projects</h1>
      </header>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {!loaded && <Loading what="projects" />}
      {loaded && (
        <div className="projects-layout">
          <div className="projects-main">
            {organizations.length === 0 && !error && (
              <EmptyState title="No organizations yet">
                <p>Create an organization, then a project in it, to get a DSN for your SDK.</p>
              </EmptyState>
            )}
            {organizations.map((organization) => {
              const own = projects.filter((project) => project.organizationId === organization.id);
              return (
                <section
                  key={organization.id}
                  className="organization"
                  aria-labelledby={`organization-${organization.id}`}
                >
                  <div className="organization-header">
                    <h2 id={`organization-${organization.id}`}>{organization.name}</h2>
                    <span className="projects-hint">{organization.slug}</span>
                  </div>
                  {own.length === 0 && (
                    <p className="projects-hint">
                      No projects yet: create one with the New project form.
                    </p>
                  )}
                  {own.map((project) => (
                    <ProjectCard key={project.id} project={project} />
                  ))}
                </section>
              );
            })}
            <ApiTokenPanel projects={projects} />
          </div>
          <aside className="projects-aside" aria-label="Create">
            <CreateProjectForm organizations={organizations} />
            <CreateOrganizationForm />
          </aside>
        </div>
      )}
    </section>
  );
}
