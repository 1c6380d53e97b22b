import type { ProjectSummary } from '../../../shared/types';

/** A select's options for the projects, each named `organization / project`. */
export function ProjectOptions({ projects }: { projects: ProjectSummary[] }) {
  return projects.map((project) => (
    <option key={project.id} value={project.id}>
      {project.organizationSlug} / {project.slug}
    </option>
  ));
}
