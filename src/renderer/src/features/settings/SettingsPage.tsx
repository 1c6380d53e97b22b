import { call } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { ErrorBanner, Loading } from '../../components/Status';
import { ClearDataPanel } from './ClearDataPanel';
import { formatBytes } from './format-bytes';
import { ListenAddressPanel } from './ListenAddressPanel';
import { RetentionPanel } from './RetentionPanel';
import './settings.css';

const getSettings = () => call('getServerSettings', {});
const RELOAD_ON = ['data-cleared', 'listener-changed'] as const;

export function SettingsPage() {
  const {
    value: settings,
    setValue: setSettings,
    error,
    reload: load,
  } = useAnswer(getSettings, RELOAD_ON);

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
