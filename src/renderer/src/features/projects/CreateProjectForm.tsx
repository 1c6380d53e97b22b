import { useId, useState } from 'react';
import type { OrganizationSummary } from '../../../../shared/types';
import { call } from '../../api/client';
import { useProjects } from '../../stores/projects';
import { FormOutcome } from './FormOutcome';
import { useSubmit } from './use-submit';

const PLATFORMS = [
  { value: 'javascript-node', label: 'Node.js' },
  { value: 'javascript', label: 'Browser JavaScript' },
  { value: 'python', label: 'Python' },
  { value: 'other', label: 'Other' },
];

export function CreateProjectForm({ organizations }: { organizations: OrganizationSummary[] }) {
  const [chosenOrganization, setChosenOrganization] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [platform, setPlatform] = useState('javascript-node');
  const { busy, error, done, run } = useSubmit();
  const headingId = useId();
  const organizationId =
    organizations.find((organization) => organization.id === chosenOrganization)?.id ??
    organizations[0]?.id;

  const create = () =>
    run(async () => {
      if (!name.trim()) throw new Error('Give the project a name.');
      if (organizationId === undefined) throw new Error('Create an organization first.');
      const project = await call('createProject', {
        organizationId,
        name,
        platform,
        ...(slug.trim() ? { slug: slug.trim() } : {}),
      });
      setName('');
      setSlug('');
      await useProjects.getState().load();
      return `Created ${project.name}: its DSN and setup code are in the list.`;
    });

  return (
    <form
      className="panel projects-form"
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <h2 id={headingId}>New project</h2>
      <label>
        Organization
        <select
          value={organizationId ?? ''}
          disabled={organizations.length === 0}
          onChange={(event) => setChosenOrganization(Number(event.target.value))}
        >
          {organizations.length === 0 && <option value="">Create an organization first</option>}
          {organizations.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name} ({organization.slug})
            </option>
          ))}
        </select>
      </label>
      <label>
        Project name
        <input value={name} maxLength={64} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Project slug <span className="projects-hint">(optional, made from the name)</span>
        <input value={slug} maxLength={50} onChange={(event) => setSlug(event.target.value)} />
      </label>
      <label>
        Platform
        <select value={platform} onChange={(event) => setPlatform(event.target.value)}>
          {PLATFORMS.map((each) => (
            <option key={each.value} value={each.value}>
              {each.label} ({each.value})
            </option>
          ))}
        </select>
      </label>
      <FormOutcome error={error} done={done} />
      <button type="submit" className="primary" disabled={busy || organizations.length === 0}>
        Create project
      </button>
    </form>
  );
}
