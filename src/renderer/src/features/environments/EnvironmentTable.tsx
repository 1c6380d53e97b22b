import { useId, useState } from 'react';
import type { ProjectEnvironment } from '../../../../shared/types';

/**
 * One visibility list: a row action for each environment, and checkboxes for acting on several
 * at once. `onApply` resolves true when the change went through.
 */
export function EnvironmentTable({
  title,
  action,
  environments,
  emptyText,
  busy,
  onApply,
  onDeleteData,
}: {
  title: string;
  action: 'Hide' | 'Show';
  environments: ProjectEnvironment[];
  emptyText: string;
  busy: boolean;
  onApply(names: string[]): Promise<boolean>;
  onDeleteData(name: string): void;
}) {
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const headingId = useId();
  // Names that left this list (hidden or shown elsewhere) no longer count as selected.
  const selected = environments.map((env) => env.name).filter((name) => checked.has(name));
  const allSelected = environments.length > 0 && selected.length === environments.length;

  const toggle = (name: string) => {
    const next = new Set(checked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChecked(next);
  };
  const applyToSelected = async () => {
    if (await onApply(selected)) setChecked(new Set());
  };

  return (
    <section className="panel environment-list" aria-labelledby={headingId}>
      <div className="environment-list-header">
        <h2 id={headingId}>
          {title} <span className="environment-count">{environments.length}</span>
        </h2>
        {environments.length > 0 && (
          <button
            type="button"
            disabled={busy || selected.length === 0}
            onClick={() => void applyToSelected()}
          >
            {action} selected
          </button>
        )}
      </div>
      {environments.length === 0 ? (
        <p className="environment-note">{emptyText}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th className="environment-check">
                <input
                  type="checkbox"
                  aria-label={`Select all ${title.toLowerCase()} environments`}
                  checked={allSelected}
                  onChange={() =>
                    setChecked(new Set(allSelected ? [] : environments.map((env) => env.name)))
                  }
                />
              </th>
              <th>Environment</th>
              <th>
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {environments.map((env) => (
              <tr key={env.id}>
                <td className="environment-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${env.name}`}
                    checked={checked.has(env.name)}
                    onChange={() => toggle(env.name)}
                  />
                </td>
                <td>{env.name}</td>
                <td className="environment-action">
                  <button
                    type="button"
                    aria-label={`${action} ${env.name}`}
                    disabled={busy}
                    onClick={() => void onApply([env.name])}
                  >
                    {action}
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Delete data of ${env.name}`}
                    disabled={busy}
                    onClick={() => onDeleteData(env.name)}
                  >
                    Delete data
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
