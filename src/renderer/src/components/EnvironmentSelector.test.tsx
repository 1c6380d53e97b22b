// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from '../../../../test/support/core';
import { sendEvent, targetOf } from '../../../../test/support/send';
import { useLocation } from '../stores/location';
import { EnvironmentSelector } from './EnvironmentSelector';

declare const jsdom: { reconfigure(options: { url: string }): void };

// The selector against a real core: the page's origin is the listener, as in the headless mode.
describe('EnvironmentSelector', () => {
  let running: RunningCore;
  beforeAll(async () => {
    running = await startCore();
    const target = await targetOf(running.api, running.url, 'local', 'default');
    await sendEvent(target, { message: 'a', environment: 'production' });
    await sendEvent(target, { message: 'b', environment: 'staging' });
    await sendEvent(target, { message: 'c' });
    await running.core.app.call('setEnvironmentsHidden', {
      projectId: 1,
      names: ['staging'],
      hidden: true,
    });
  });
  afterAll(() => running.stop());
  afterEach(cleanup);

  const open = async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Environments' }));
    return screen.findByRole('listbox', { name: 'Environments' });
  };

  it('offers All Environments, the visible ones and (No Environment), and puts a choice in the URL', async () => {
    jsdom.reconfigure({ url: `${running.url}/issues?project=1` });
    act(() => useLocation.setState({ pathname: '/issues', search: '?project=1' }));
    render(<EnvironmentSelector />);
    expect(screen.getByRole('button', { name: 'Environments' }).textContent).toContain('All Envs');
    await open();
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
        'All Environments',
        'production',
        '(No Environment)',
      ]),
    );
    fireEvent.click(screen.getByRole('option', { name: 'production' }));
    expect(window.location.search).toBe('?project=1&environment=production');
    expect(screen.getByRole('option', { name: 'production' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'Environments' }).textContent).toContain(
      'production',
    );
    fireEvent.click(screen.getByRole('option', { name: '(No Environment)' }));
    expect(new URLSearchParams(window.location.search).getAll('environment')).toEqual([
      'production',
      '',
    ]);
    // Spec §7: every offered environment selected reads "All Envs" again.
    expect(screen.getByRole('button', { name: 'Environments' }).textContent).toContain('All Envs');
    fireEvent.click(screen.getByRole('option', { name: 'All Environments' }));
    expect(window.location.search).toBe('?project=1');
  });
});
