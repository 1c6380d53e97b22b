import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallName, callNames, contract } from '../../src/shared/contract.js';
import { type RunningCore, startCore } from '../support/core.js';
import { eventEnvelope, postEnvelope, targetOf } from '../support/send.js';
import { recordFigures } from './figures.js';

// The app contract (src/shared/contract.ts) behind both transports, sent arbitrary and
// almost-valid input: every call answers ok, or an error as data with a 4xx and a message;
// it never throws and never reports a 500. Seeded, so a failure replays.

const SEED = 20_250_507;
// With valid input these two move the listener or delete everything: never sent valid input.
const NEVER_VALID = new Set<CallName>(['setListenAddress', 'clearAllData']);

// A valid input for each call, which the near-valid inputs are made from.
const VALID: Record<CallName, Record<string, unknown>> = {
  listOrganizations: {},
  createOrganization: { name: 'Fuzz org', slug: 'fuzz-org' },
  listProjects: {},
  createProject: { organizationId: 1, name: 'Fuzz', slug: 'fuzz', platform: 'node' },
  listEnvironmentOptions: { projectIds: [1] },
  listProjectEnvironments: { projectId: 1, visibility: 'all' },
  setEnvironmentsHidden: { projectId: 1, names: ['production'], hidden: true },
  deleteEnvironmentData: { projectId: 1, environment: 'qa', confirm: 'qa' },
  listIssues: { projectIds: [1], environments: [], query: '', sort: 'date', cursor: 0, limit: 50 },
  getIssue: { issueId: 1, environments: ['production'] },
  listIssueEvents: { issueId: 1, environments: [], cursor: 0, limit: 10 },
  getEvent: { projectId: 1, eventId: '0'.repeat(32) },
  updateIssue: { issueId: 1, status: 'resolved' },
  deleteIssue: { issueId: 3 },
  getConnectionInfo: {},
  getServerSettings: {},
  setListenAddress: { host: '127.0.0.1', port: 0 },
  getRetention: { projectId: 1 },
  setRetention: { projectId: 1, days: 90, maxEvents: 1_000_000 },
  clearAllData: { confirm: 'clear all data' },
};

// Values on the edges of the schemas: ids past 2^31 and 2^53, names at 64 characters and one
// more, reserved environment names, SQL and search syntax, and odd types.
const edge = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -1,
    1,
    2,
    1.5,
    2 ** 31,
    2 ** 53 - 1,
    2 ** 53,
    Number.MAX_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    '',
    ' ',
    'none',
    '..',
    'a'.repeat(64),
    'a'.repeat(65),
    'é'.repeat(64),
    '😀'.repeat(33),
    "' OR 1=1 --",
    '%',
    '_',
    'is:resolved level:error release:"a b" "phrase',
    'is:nope',
    'level:',
    '\u0000',
    null,
    true,
    [],
    {},
    ['production', '', 'none'],
    Array.from({ length: 1_001 }, (_, index) => index + 1),
    Array.from({ length: 1_000 }, (_, index) => `env-${index}`),
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string({ maxLength: 5 })), {
    maxLength: 4,
  }),
);

/** A valid input with one to three fields replaced, added or removed. */
function nearValid(name: CallName) {
  const base = VALID[name];
  const keys = [...Object.keys(base), 'extra'];
  return fc
    .array(fc.tuple(fc.constantFrom(...keys), fc.option(edge, { nil: undefined })), {
      minLength: 1,
      maxLength: 3,
    })
    .map((changes) => {
      const input: Record<string, unknown> = { ...base };
      for (const [key, value] of changes) {
        if (value === undefined) delete input[key];
        else input[key] = value;
      }
      return input;
    });
}

describe('the app contract under fuzzing', () => {
  let running: RunningCore;
  const outcomes: Record<string, Record<string, number>> = {};
  let calls = 0;
  const started = performance.now();

  beforeAll(async () => {
    running = await startCore();
    const target = await targetOf(running.api, running.url, 'local', 'default');
    for (const [index, environment] of ['production', 'staging', ''].entries()) {
      const event = { message: `seed ${index}`, environment, release: 'app@1.0.0' };
      expect((await postEnvelope(target, eventEnvelope(event))).status).toBe(200);
    }
  });
  afterAll(async () => {
    recordFigures('app-contract-fuzz', {
      calls,
      outcomesByCall: outcomes,
      durationMs: Math.round(performance.now() - started),
    });
    await running.stop();
  });

  /** Calls in-process and checks the outcome; false when the input was skipped. */
  async function callChecked(name: string, input: unknown): Promise<boolean> {
    if (NEVER_VALID.has(name as CallName)) {
      if (contract[name as CallName].input.safeParse(input ?? {}).success) return false;
    }
    const outcome = await running.core.app.call(name, input);
    calls += 1;
    const key = outcome.ok ? 'ok' : String(outcome.error.status);
    (outcomes[name] ??= {})[key] = (outcomes[name]?.[key] ?? 0) + 1;
    // Both transports send the outcome on: over HTTP as JSON, over IPC by structured clone.
    expect(() => JSON.stringify(outcome)).not.toThrow();
    if (!outcome.ok) {
      const label = `${name}(${JSON.stringify(input)?.slice(0, 200)}): ${outcome.error.message}`;
      expect(outcome.error.status, label).toBeGreaterThanOrEqual(400);
      // 400–404, and 409 for a slug that is taken: a conflict the person can resolve.
      expect([400, 401, 403, 404, 409], label).toContain(outcome.error.status);
      expect(typeof outcome.error.message, label).toBe('string');
      expect(outcome.error.message, label).not.toBe('');
    }
    return true;
  }

  it('answers arbitrary input to every call as data, never a throw or a 500', async () => {
    for (const name of callNames) {
      await fc.assert(
        fc.asyncProperty(fc.anything(), (input) => callChecked(name, input).then(() => {})),
        { seed: SEED, numRuns: 100 },
      );
    }
  }, 60_000);

  it('answers almost-valid input to every call as data, never a throw or a 500', async () => {
    for (const name of callNames) {
      await fc.assert(
        fc.asyncProperty(nearValid(name), (input) => callChecked(name, input).then(() => {})),
        { seed: SEED, numRuns: 150 },
      );
    }
  }, 60_000);

  it('answers well-typed input with random content (search syntax, names, ids) as data', async () => {
    const environment = fc.oneof(
      fc.constantFrom('', 'none', 'production', 'staging', 'a'.repeat(256)),
      fc.string({ maxLength: 70 }),
    );
    const searchToken = fc.oneof(
      fc.constantFrom(
        'is:',
        'level:',
        'release:',
        'is:resolved',
        'is:archived',
        'level:error,info',
      ),
      fc.constantFrom('"', '\\', ':', ',', ' ', '%', '_', '*', "'", 'seed'),
      fc.string({ maxLength: 6 }),
    );
    const issueId = fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(2 ** 31));
    const typed: Partial<Record<CallName, fc.Arbitrary<Record<string, unknown>>>> = {
      listIssues: fc.record({
        projectIds: fc.subarray([1, 2, 999]),
        environments: fc.array(environment, { maxLength: 4 }),
        query: fc
          .array(searchToken, { maxLength: 8 })
          .map((parts) => parts.join('').slice(0, 1000)),
        sort: fc.constantFrom('date', 'new', 'freq'),
        cursor: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
        limit: fc.integer({ min: 1, max: 500 }),
      }),
      getIssue: fc.record({ issueId, environments: fc.array(environment, { maxLength: 3 }) }),
      listIssueEvents: fc.record({
        issueId,
        environments: fc.array(environment, { maxLength: 3 }),
        cursor: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
        limit: fc.integer({ min: 1, max: 500 }),
      }),
      listEnvironmentOptions: fc.record({ projectIds: fc.subarray([1, 2, 3, 999]) }),
      setEnvironmentsHidden: fc.record({
        projectId: fc.constantFrom(1, 2, 999),
        names: fc.array(environment, { minLength: 1, maxLength: 4 }),
        hidden: fc.boolean(),
      }),
      createOrganization: fc.record(
        { name: fc.string({ minLength: 1, maxLength: 64 }), slug: fc.string({ maxLength: 50 }) },
        { requiredKeys: ['name'] },
      ),
      createProject: fc.record(
        {
          organizationId: fc.constantFrom(1, 2, 999),
          name: fc.string({ minLength: 1, maxLength: 64 }),
          slug: fc.string({ maxLength: 50 }),
          platform: fc.string({ maxLength: 64 }),
        },
        { requiredKeys: ['organizationId', 'name'] },
      ),
      getEvent: fc.record({
        projectId: fc.constantFrom(1, 2, 999),
        eventId: fc.string({
          unit: fc.constantFrom(...'0123456789abcdef'),
          minLength: 32,
          maxLength: 32,
        }),
      }),
      updateIssue: fc.record({
        issueId,
        status: fc.constantFrom('unresolved', 'resolved', 'ignored'),
      }),
      getRetention: fc.record({ projectId: fc.constantFrom(1, 2, 999) }),
    };
    for (const [name, arbitrary] of Object.entries(typed)) {
      await fc.assert(
        fc.asyncProperty(arbitrary, (input) => callChecked(name, input).then(() => {})),
        { seed: SEED, numRuns: 150 },
      );
    }
  }, 60_000);

  it('answers unknown call names with a 404', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString')),
        async (name) => {
          fc.pre(!callNames.includes(name as CallName));
          const outcome = await running.core.app.call(name, {});
          calls += 1;
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.error.status).toBe(404);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('answers the same over HTTP: random JSON bodies to /app/call/{name}, never a 5xx', async () => {
    const statuses: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callNames.filter((name) => !NEVER_VALID.has(name))),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
          fc.string({ maxLength: 30 }),
          fc.constantFrom('', '{', 'null', '[]'),
        ),
        async (name, body) => {
          const response = await fetch(`${running.url}/app/call/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          calls += 1;
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const text = await response.text();
          expect(
            response.status,
            `${name} ${body.slice(0, 100)}: ${text.slice(0, 200)}`,
          ).toBeLessThan(500);
          expect(() => JSON.parse(text) as unknown).not.toThrow();
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    outcomes['HTTP /app/call'] = statuses;
  });
});
