import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useProjects } from '../../stores/projects';
import { FormOutcome } from './FormOutcome';
import { useSubmit } from './use-submit';

export function CreateOrganizationForm() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const { busy, error, done, run } = useSubmit();
  const headingId = useId();

  const create = () =>
    run(async () => {
      if (!name.trim()) throw new Error('Give the organization a name.');
      const organization = await call('createOrganization', {
        name,
        ...(slug.trim() ? { slug: slug.trim() } : {}),
      });
      setName('');
      setSlug('');
      await useProjects.getState().load();
      return `Created ${organization.name} (${organization.slug}). Add a project to it.`;
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
      <h2 id={headingId}>New organization</h2>
      <label>
        Organization name
        <input value={name} maxLength={64} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Organization slug <span className="projects-hint">(optional, made from the name)</span>
        <input value={slug} maxLength={50} onChange={(event) => setSlug(event.target.value)} />
      </label>
      <FormOutcome error={error} done={done} />
      <button type="submit" className="primary" disabled={busy}>
        Create organization
      </button>
    </form>
  );
}
