import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import { sendEvent, targetOf } from './support/send.js';

/** A raw request, so that Host and Origin can be set as a hostile page or rebinding would. */
function send(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        `${url}${path}`,
        { method: options.method ?? 'GET', headers: options.headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

describe('the app contract over HTTP', () => {
  let running: RunningCore;
  let host: string;
  beforeAll(async () => {
    running = await startCore();
    host = new URL(running.url).host;
  });
  afterAll(() => running.stop());

  const callProjects = (headers: Record<string, string>) =>
    send(running.url, '/app/call/listProjects', { method: 'POST', headers, body: '{}' });

  it('answers same-origin JSON calls with the outcome', async () => {
    const response = await callProjects({
      'Content-Type': 'application/json',
      Origin: `http://${host}`,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: [{ slug: 'default' }] });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses another Host (DNS rebinding), another Origin, and non-JSON calls', async () => {
    const rebound = await callProjects({
      'Content-Type': 'application/json',
      Host: `evil.example:${new URL(running.url).port}`,
    });
    expect(rebound.status).toBe(403);
    const crossOrigin = await callProjects({
      'Content-Type': 'application/json',
      Origin: 'http://evil.example',
    });
    expect(crossOrigin.status).toBe(403);
    const simple = await callProjects({ 'Content-Type': 'text/plain' });
    expect(simple.status).toBe(415);
    for (const response of [rebound, crossOrigin, simple]) {
      expect(JSON.parse(response.body)).toHaveProperty('detail');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a bad input as data with a 400 and a readable message', async () => {
    const response = await send(running.url, '/app/call/getIssue', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ issueId: -1, environments: [] }),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { status: 400 } });
  });

  it('streams live updates as Server-Sent Events', async () => {
    const target = await targetOf(running.api, running.url, 'local', 'default');
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${running.url}/app/events`, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk;
          if (text.includes('"type":"ingested"')) {
            req.destroy();
            resolve(text);
          }
        });
        void sendEvent(target, { message: 'streamed', environment: 'production' });
      });
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
    });
    expect(await received).toContain('data: {"type":"ingested"');
  });

  it('answers a path that is not valid percent-encoding with a 400', async () => {
    const response = await send(running.url, '/%E0%A4%A', {});
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toHaveProperty('detail');
  });

  it('serves nothing of the UI without a build, saying how to build it', async () => {
    const response = await send(running.url, '/issues', {});
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).detail).toContain('npm run build');
  });
});
