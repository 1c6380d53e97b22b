import { type FormEvent, useEffect, useState } from 'react';
import type { RetentionSettings } from '../../../../shared/types';
import { call } from '../../api/client';
import { ProjectOptions } from '../../components/ProjectOptions';
import { useFilters } from '../../stores/filters';
import { useProjects } from '../../stores/projects';
import { FormOutcome } from '../projects/FormOutcome';
import { useSubmit } from '../projects/use-submit';

/** Per-project retention: the only setting that ever deletes events. */
export function RetentionPanel() {
  const projects = useProjects((state) => state.projects);
  const { projectIds } = useFilters();
  const [projectId, setProjectId] = useState<number | null>(null);
  const [settings, setSettings] = useState<RetentionSettings | null>(null);
  const [days, setDays] = useState('');
  const [maxEvents, setMaxEvents] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, done, run } = useSubmit();
  const chosen = projectId ?? projectIds[0] ?? projects[0]?.id ?? null;
  // The fields stay disabled until the chosen project's settings arrive, so a value typed
  // early is never overwritten by the load.
  const ready = settings !== null && settings.projectId === chosen;

  useEffect(() => {
    if (chosen === null) return;
    let current = true;
    setSettings(null);
    setLoadError(null);
    call('getRetention', { projectId: chosen }).then(
      (loaded) => {
        if (!current) return;
        setSettings(loaded);
        setDays(String(loaded.days));
        setMaxEvents(String(loaded.maxEvents));
      },
      (failure: unknown) => {
        if (current) setLoadError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [chosen]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null) return;
    void run(async () => {
      const saved = await call('setRetention', {
        projectId: chosen,
        days: Number(days),
        maxEvents: Number(maxEvents),
      });
      setSettings(saved);
      return 'Saved: older events are being pruned in the background.';
    });
  };

  return (
    <form className="panel settings-panel" aria-labelledby="retention-heading" onSubmit={submit}>
      <h2 id="retention-heading">Retention</h2>
      <p className="settings-hint">
        Events received longer ago than the days, or past the count (oldest first), are deleted in
        small batches in the background. Nothing else deletes events unless you ask for it.
      </p>
      <div className="address-fields">
        <label>
          Project
          <select
            aria-label="Retention project"
            value={chosen ?? ''}
            onChange={(event) => setProjectId(Number(event.target.value))}
          >
            <ProjectOptions projects={projects} />
          </select>
        </label>
        <label>
          Days
          <input
            type="number"
            min={1}
            disabled={!ready}
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </label>
        <label>
          Events at most
          <input
            type="number"
            min={1}
            disabled={!ready}
            value={maxEvents}
            onChange={(event) => setMaxEvents(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !ready}>
          Save retention
        </button>
      </div>
      {settings && (
        <p className="settings-hint">
          The project holds {settings.events.toLocaleString()} events now.
        </p>
      )}
      <FormOutcome error={error ?? loadError} done={done} />
    </form>
  );
}
