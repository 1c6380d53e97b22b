import { ProjectOptions } from './ProjectOptions';
import { setFilters, useFilters } from '../stores/filters';
import { useProjects } from '../stores/projects';

/** Chooses the project whose data every page shows; "All Projects" shows them all. */
export function ProjectSelector() {
  const filters = useFilters();
  const projects = useProjects((state) => state.projects);
  const value = filters.projectIds.length === 1 ? String(filters.projectIds[0]) : '';
  return (
    <label className="selector project-selector">
      <span className="visually-hidden">Project</span>
      <select
        aria-label="Project"
        value={value}
        onChange={(event) =>
          setFilters({
            // A new project has other environments: the environment choice starts over.
            projectIds: event.target.value ? [Number(event.target.value)] : [],
            environments: [],
          })
        }
      >
        <option value="">All Projects</option>
        <ProjectOptions projects={projects} />
      </select>
    </label>
  );
}
