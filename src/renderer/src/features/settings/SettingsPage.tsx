import { useCallback, useEffect, useState } from 'react';
import type { ServerSettings } from '../../../../shared/types';
import { call, onAppEvent } from '../../api/client';
import { ErrorBanner, Loading } from '../../components/Status';
import { ClearDataPanel } from './ClearDataPanel';
import { formatBytes } from './format-bytes';
import { ListenAddressPanel } from './ListenAddressPanel';
import { RetentionPanel } from './RetentionPanel';
import './settings.css';

export function SettingsPage() {
  const [settings, setSettings] = useState<ServerSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSettings(await call('getServerSettings', {}));
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type === 'data-cleared' || event.type === 'listener-changed') void load();
      }),
    [load],
  );

  return (
    <section className="page settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {!settings && !error && <Loading what="settings" />}
      {settings && (
        <>
          <ListenAddressPanel settings={settings} onChanged={setSettings} />
          <section className="panel settings-panel" aria-labelledby="data-heading">
            <h2 id="data-heading">Data</h2>
            <dl className="settings-facts">
              <dt>Data folder</dt>
              <dd>
                <code>{settings.dataDir}</code>
              </dd>
              <dt>Database size</dt>
              <dd>
                {formatBytes(settings.databaseBytes)}{' '}
                <button type="button" onClick={() => void load()}>
                  Refresh
                </button>
              </dd>
            </dl>
          </section>
          <RetentionPanel />
          <ClearDataPanel onCleared={() => void load()} />
        </>
      )}
    </section>
  );
}
