import { useState } from 'react';
import type { ServerSettings } from '../../../../shared/types';
import { call, isDesktop } from '../../api/client';
import { useProjects } from '../../stores/projects';
import { FormOutcome } from '../projects/FormOutcome';
import { useSubmit } from '../projects/use-submit';

/** Moves the browser to the same page on the new address, as the old one is closing. */
function follow(baseUrl: string) {
  if (new URL(baseUrl).origin === window.location.origin) return;
  window.location.assign(`${baseUrl}${window.location.pathname}${window.location.search}`);
}

export function ListenAddressPanel({
  settings,
  onChanged,
}: {
  settings: ServerSettings;
  onChanged(settings: ServerSettings): void;
}) {
  const [host, setHost] = useState(settings.host);
  const [port, setPort] = useState(String(settings.port));
  const { busy, error, done, run } = useSubmit();

  const apply = () =>
    run(async () => {
      const portNumber = Number(port);
      if (!/^\d+$/.test(port.trim()) || portNumber > 65535) {
        throw new Error('A port is a whole number from 0 to 65535.');
      }
      const next = await call('setListenAddress', { host: host.trim(), port: portNumber });
      setPort(String(next.port));
      onChanged(next);
      // The DSNs carry the address.
      void useProjects.getState().load();
      if (!isDesktop) follow(next.baseUrl);
      return `Outpost now listens on ${next.baseUrl}.`;
    });

  return (
    <form
      className="panel settings-panel"
      aria-labelledby="listen-address-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      <h2 id="listen-address-heading">Listening address</h2>
      <p>
        SDKs, sentry-cli{isDesktop ? '' : ' and this page'} reach Outpost at{' '}
        <code>{settings.baseUrl}</code>.
      </p>
      <div className="address-fields">
        <label>
          Host
          <input value={host} onChange={(event) => setHost(event.target.value)} />
        </label>
        <label>
          Port
          <input
            className="port-input"
            inputMode="numeric"
            value={port}
            onChange={(event) => setPort(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Apply
        </button>
      </div>
      <p className="settings-hint">
        127.0.0.1 keeps Outpost to this computer; 0.0.0.0 lets other machines on your network send
        to it. Port 0 takes any free port. DSNs contain the address, so SDKs set up with the old one
        need the new DSN.
      </p>
      {!isDesktop && (
        <p className="settings-warning">
          This page is served by Outpost itself: after Apply it moves to the new address.
        </p>
      )}
      <FormOutcome
        error={
          error &&
          `${error} Nothing changed: Outpost still listens on ${settings.baseUrl}. Choose another port, or 0 for any free port.`
        }
        done={done}
      />
    </form>
  );
}
