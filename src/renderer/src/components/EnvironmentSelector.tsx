import { useEffect, useRef, useState } from 'react';
import { NO_ENVIRONMENT } from '../../../shared/types';
import { useEnvironmentOptions } from '../stores/environments';
import { setFilters, useFilters } from '../stores/filters';

export const environmentLabel = (name: string) =>
  name === NO_ENVIRONMENT ? '(No Environment)' : name;

/** Sentry's trigger label: "All Envs" when nothing or everything is selected, else up to two names. */
function summary(selected: string[], offered: string[]): string {
  if (
    selected.length === 0 ||
    (offered.length > 0 && offered.every((name) => selected.includes(name)))
  ) {
    return 'All Envs';
  }
  const names = selected.slice(0, 2).map(environmentLabel).join(', ');
  return selected.length > 2 ? `${names} +${selected.length - 2}` : names;
}

/**
 * The global environment selector (spec §7): multi-select over the selected projects' visible
 * environments, "All Environments" for no filter, "(No Environment)" for events without one.
 */
export function EnvironmentSelector() {
  const filters = useFilters();
  const { environments, hasNoEnvironment, key, error, load } = useEnvironmentOptions();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const projectKey = filters.projectIds.join(',');

  useEffect(() => {
    if (key !== projectKey) void load(filters.projectIds);
  }, [projectKey, key, load, filters.projectIds]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const offered = hasNoEnvironment ? [...environments, NO_ENVIRONMENT] : environments;
  const selected = filters.environments;
  const toggle = (name: string) => {
    const next = selected.includes(name)
      ? selected.filter((each) => each !== name)
      : [...selected, name];
    setFilters({ ...filters, environments: next });
  };

  return (
    <div className="selector" ref={root}>
      <button
        type="button"
        className="selector-trigger"
        aria-label="Environments"
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="selector-kind">Env</span> {summary(selected, offered)} ▾
      </button>
      {open && (
        <ul
          className="selector-menu"
          role="listbox"
          aria-label="Environments"
          aria-multiselectable="true"
        >
          <li
            role="option"
            aria-selected={selected.length === 0}
            aria-checked={selected.length === 0}
            tabIndex={0}
            onClick={() => setFilters({ ...filters, environments: [] })}
            onKeyDown={(event) =>
              event.key === 'Enter' && setFilters({ ...filters, environments: [] })
            }
          >
            All Environments
          </li>
          {offered.map((name) => (
            <li
              key={name || '(none)'}
              role="option"
              aria-selected={selected.includes(name)}
              aria-checked={selected.includes(name)}
              tabIndex={0}
              onClick={() => toggle(name)}
              onKeyDown={(event) => event.key === 'Enter' && toggle(name)}
            >
              {environmentLabel(name)}
            </li>
          ))}
          {offered.length === 0 && <li className="muted">No environments yet: send an event.</li>}
          {error && <li className="error-text">{error}</li>}
        </ul>
      )}
    </div>
  );
}
