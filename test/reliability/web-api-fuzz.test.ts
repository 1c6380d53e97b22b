import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from '../support/core.js';
import { wireDir } from '../support/fixtures.js';
import { eventEnvelope, postEnvelope, targetOf } from '../support/send.js';
import { loadWireRequests } from '../support/wire.js';
import { recordFigures } from './figures.js';

// The Web API under /api/0/ with a valid token, sent random methods, paths, queries and bodies:
// never a 5xx, never a hang, and a JSON answer on every error. Seeded, so a failure replays.

const SEED = 20_250_506;
const REQUEST_TIMEOUT_MS = 10_000;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
// Every route with the methods it serves; requests mostly use those, sometimes any other.
const ROUTES: [string, string[]][] = [
  ['/api/0/', ['GET']],
  ['/api/0/organizations/', ['GET', 'POST']],
  ['/api/0/organizations/:org/', ['GET']],
  ['/api/0/organizations/:org/projects/', ['GET']],
  ['/api/0/organizations/:org/environments/', ['GET']],
  ['/api/0/organizations/:org/issues/', ['GET']],
  ['/api/0/organizations/:org/issues/:id/', ['GET']],
  ['/api/0/teams/:org/:org/projects/', ['POST']],
  ['/api/0/projects/:org/:project/', ['GET']],
  ['/api/0/projects/:org/:project/keys/', ['GET', 'POST']],
  ['/api/0/projects/:org/:project/keys/:key/', ['PUT', 'DELETE']],
  ['/api/0/projects/:org/:project/export/', ['GET']],
  ['/api/0/projects/:org/:project/import/', ['POST']],
  ['/api/0/projects/:org/:project/environments/', ['GET', 'PUT']],
  ['/api/0/projects/:org/:project/environments/:name/', ['GET', 'PUT']],
  ['/api/0/projects/:org/:project/issues/', ['GET']],
  ['/api/0/projects/:org/:project/events/:eventId/', ['GET']],
  ['/api/0/issues/:id/', ['GET', 'PUT', 'DELETE']],
  ['/api/0/issues/:id/events/', ['GET']],
];

// Values on the edges of what each parameter reads: numbers past 2^53 and in odd spellings,
// reserved names, percent-encoding that does not decode, and very long text.
const edgy = fc.constantFrom(
  '',
  '0',
  '1',
  '-1',
  '1.5',
  '1e3',
  '1e308',
  '9007199254740993',
  '99999999999999999999',
  '0x10',
  ' 1',
  'NaN',
  'Infinity',
  'none',
  'None',
  '.',
  '..',
  '%',
  '%25',
  '%E0%A4%A',
  '%00',
  'a%2Fb',
  'local',
  'default',
  'production',
  'staging eu',
  '\u00e9t\u00e9',
  '😀',
  "' OR 1=1 --",
  '0:0:0',
  '0:9007199254740993:0',
  '0:-1:1',
  '::',
  '24h',
  '14d',
  '99999999999999999999d',
  '0s',
  'is:resolved',
  'is:bogus',
  'level:error,fatal',
  'level:',
  'release:"a b"',
  '"unclosed',
  '\\',
  'x'.repeat(5_000),
);
const text = fc.oneof(edgy, fc.string({ maxLength: 20 }));
const segment = fc.oneof(
  edgy.filter((value) => value !== ''),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);
const QUERY_KEYS = [
  'environment',
  'project',
  'query',
  'sort',
  'statsPeriod',
  'cursor',
  'per_page',
  'limit',
  'visibility',
  'full',
];
const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), text), { maxLength: 4 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        name: text,
        slug: text,
        platform: text,
        label: text,
        isActive: fc.oneof(fc.boolean(), text),
        isHidden: fc.oneof(fc.boolean(), text),
        environmentNames: fc.oneof(fc.array(text, { maxLength: 3 }), text),
        status: fc.oneof(fc.constantFrom('resolved', 'unresolved', 'ignored'), text),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('{', '[]', 'null', '"x"', '{"status":', '\u0000'),
);
/** Requests that mostly name things that exist, so that the handlers, not only the router, run. */
function requestArbitrary(known: Record<string, string[]>) {
  const param = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(known[name] ?? ['1'])) },
      { weight: 1, arbitrary: segment },
    );
  return fc.constantFrom(...ROUTES).chain(([route, methods]) =>
    fc.record({
      route: fc.constant(route),
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...methods) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      params: fc.record({
        org: param('org'),
        project: param('project'),
        id: param('id'),
        eventId: param('eventId'),
        name: param('name'),
        key: param('key'),
      }),
      query,
      body,
    }),
  );
}

describe('the Web API under fuzzing', () => {
  let running: RunningCore;
  const known: Record<string, string[]> = {};
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let sent = 0;
  const started = performance.now();

  beforeAll(async () => {
    running = await startCore();
    const target = await targetOf(running.api, running.url, 'local', 'default');
    known.eventId = [];
    for (const [index, environment] of ['production', 'staging eu', ''].entries()) {
      const event = { message: `seed ${index}`, environment, release: 'app@1.0.0' };
      const response = await postEnvelope(target, eventEnvelope(event));
      expect(response.status).toBe(200);
      known.eventId.push(((await response.json()) as { id: string }).id);
    }
    Object.assign(known, {
      org: ['local'],
      project: ['default'],
      id: ['1', '2', '3'],
      name: ['production', 'staging%20eu', 'none'],
      key: [target.publicKey],
    });
  });
  afterAll(async () => {
    recordFigures('web-api-fuzz', {
      requests: sent,
      statuses,
      durationMs: Math.round(performance.now() - started),
    });
    await running.stop();
  });

  /** Sends one request; a 5xx is recorded, and thrown unless `collect` is set. */
  async function send(
    method: string,
    pathAndQuery: string,
    payload?: string | Buffer,
    collect = false,
  ) {
    const withBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
    const response = await fetch(`${running.url}${pathAndQuery}`, {
      method,
      headers: {
        Authorization: `Bearer ${running.core.authToken}`,
        ...(withBody ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(withBody
        ? { body: typeof payload === 'string' ? payload : new Uint8Array(payload) }
        : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    sent += 1;
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    const answer = await response.text();
    const label = `${method} ${pathAndQuery.slice(0, 300)} → ${response.status} ${answer.slice(0, 200)}`;
    if (response.status >= 500) failures.push(label);
    if (collect && response.status >= 500) return;
    expect(response.status, label).toBeLessThan(500);
    if (response.status >= 400 && method !== 'HEAD') {
      expect(() => JSON.parse(answer) as unknown, label).not.toThrow();
    }
  }

  it('never answers 5xx to random requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestArbitrary(known),
        async ({ method, route, params, query: pairs, body: payload }) => {
          const path = route.replace(
            /:(\w+)/g,
            (_, name: string) => params[name as keyof typeof params],
          );
          const search = new URLSearchParams(pairs).toString();
          await send(method, `${path}${search ? `?${search}` : ''}`, payload);
        },
      ),
      { seed: SEED, numRuns: 800 },
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it('never answers 5xx to an edge value in any query parameter of the list routes', async () => {
    const routes = [
      '/api/0/projects/local/default/issues/',
      '/api/0/organizations/local/issues/',
      '/api/0/issues/1/events/',
      '/api/0/organizations/local/environments/',
    ];
    const values = fc.sample(edgy, { seed: SEED, numRuns: 400 });
    for (const route of routes) {
      for (const key of QUERY_KEYS) {
        for (const value of new Set(values)) {
          await send(
            'GET',
            `${route}?${new URLSearchParams([[key, value]]).toString()}`,
            undefined,
            true,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 4xx to a cursor offset past 2^53', async () => {
    for (const route of ['/api/0/projects/local/default/issues/', '/api/0/issues/1/events/']) {
      await send('GET', `${route}?cursor=0:1e308:0`);
    }
  });

  it('never answers 5xx to damaged sentry-cli requests, nor to damaged imports', async () => {
    const random = fc.uint8Array({ maxLength: 4 });
    const recorded = loadWireRequests(path.join(wireDir, 'sentry-cli-3.8.0'));
    const exported = await (
      await running.api('/api/0/projects/local/default/export/')
    ).arrayBuffer();
    const samples = [
      ...recorded.map((each) => ({ method: each.method, path: each.path, body: each.body })),
      {
        method: 'POST',
        path: '/api/0/projects/local/default/import/',
        body: Buffer.from(exported),
      },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        random,
        async (sample, cut, flips, junk) => {
          const damaged = Buffer.concat([
            sample.body.subarray(0, cut % (sample.body.length + 1)),
            Buffer.from(junk),
          ]);
          for (const [at, mask] of flips)
            if (damaged.length > 0) damaged[at % damaged.length]! ^= mask;
          await send(sample.method, sample.path, damaged);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
    expect(samples.length).toBeGreaterThan(5);
  }, 120_000);
});
