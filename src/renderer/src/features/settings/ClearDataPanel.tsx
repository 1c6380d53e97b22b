import { useState } from 'react';
import { call } from '../../api/client';
import { useEnvironmentOptions } from '../../stores/environments';
import { readFilters } from '../../stores/filters';
import { useLocation } from '../../stores/location';
import { FormOutcome } from '../projects/FormOutcome';
import { useSubmit } from '../projects/use-submit';

const PHRASE = 'clear all data';

/** Deletes what events brought, behind a typed confirmation. */
export function ClearDataPanel({ onCleared }: { onCleared(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const { busy, error, done, run, reset } = useSubmit();

  const clear = () =>
    run(async () => {
      await call('clearAllData', { confirm: PHRASE });
      setConfirming(false);
      setTyped('');
      onCleared();
      const { projectIds } = readFilters(useLocation.getState().search);
      void useEnvironmentOptions.getState().load(projectIds);
      return 'All events, issues, releases and environments were deleted. Projects and DSNs are unchanged.';
    });

  return (
    <section className="panel settings-panel danger-zone" aria-labelledby="clear-data-heading">
      <h2 id="clear-data-heading">Clear all data</h2>
      <p>
        Deletes every event, issue, release and environment. Organizations, projects and their DSNs
        stay, so your SDKs keep sending here. This cannot be undone.
      </p>
      {!confirming && (
        <button
          type="button"
          className="danger"
          onClick={() => {
            reset();
            setConfirming(true);
          }}
        >
          Clear all data
        </button>
      )}
      {confirming && (
        <form
          className="clear-confirm"
          onSubmit={(event) => {
            event.preventDefault();
            void clear();
          }}
        >
          <label>
            <span>
              Type <strong>{PHRASE}</strong> to confirm
            </span>
            <input
              autoFocus
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </label>
          <button type="submit" className="danger" disabled={busy || typed !== PHRASE}>
            Clear all data
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              setTyped('');
              reset();
            }}
          >
            Cancel
          </button>
        </form>
      )}
      <FormOutcome error={error} done={done} />
    </section>
  );
}
