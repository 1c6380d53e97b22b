import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  listFilesRecursive,
  peerEnvelopesDir,
  wireDir,
} from '../../../../test/support/fixtures.js';
import type { JsonObject } from '../types.js';
import { computeGrouping, groupEvent } from './index.js';

/**
 * The event payloads of an envelope. A deliberately tiny reader (header line, then items with or
 * without `length`), so these tests do not hinge on the ingest envelope parser.
 */
function envelopeEvents(body: Buffer): JsonObject[] {
  const events: JsonObject[] = [];
  const lineEnd = (from: number) => {
    const end = body.indexOf(10, from);
    return end === -1 ? body.length : end;
  };
  let position = lineEnd(0) + 1;
  while (position < body.length) {
    const headerEnd = lineEnd(position);
    const headerText = body.subarray(position, headerEnd).toString('utf8').trim();
    position = headerEnd + 1;
    if (headerText === '') continue;
    const header = JSON.parse(headerText) as { type?: string; length?: number };
    const payloadEnd =
      typeof header.length === 'number' ? position + header.length : lineEnd(position);
    if (header.type === 'event') {
      events.push(JSON.parse(body.subarray(position, payloadEnd).toString('utf8')) as JsonObject);
    }
    position = payloadEnd + 1;
  }
  return events;
}

function wireEvents(): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  for (const file of listFilesRecursive(wireDir).filter((path) =>
    path.endsWith('requests.jsonl'),
  )) {
    const capture = file.split('/')[0] ?? file;
    for (const line of readFileSync(join(wireDir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const request = JSON.parse(line) as { n: string; path: string; body?: unknown };
      if (typeof request.body !== 'string' || request.body === '') continue;
      const name = `${capture} #${request.n}`;
      if (request.path.endsWith('/store/'))
        out.push([name, JSON.parse(request.body) as JsonObject]);
      if (request.path.endsWith('/envelope/')) {
        for (const event of envelopeEvents(Buffer.from(request.body))) out.push([name, event]);
      }
    }
  }
  return out;
}

function peerEvents(): [string, JsonObject][] {
  return listFilesRecursive(peerEnvelopesDir)
    .filter((file) => file !== 'NOTICE')
    .flatMap((file) =>
      envelopeEvents(readFileSync(join(peerEnvelopesDir, file))).map(
        (event): [string, JsonObject] => [file, event],
      ),
    );
}

describe('recorded SDK events', () => {
  const wire = wireEvents();
  const peers = peerEvents();

  it('finds the events in the fixtures', () => {
    expect(wire.length).toBeGreaterThanOrEqual(6);
    expect(peers.length).toBeGreaterThanOrEqual(15);
  });

  it.each([...wire, ...peers])('%s groups', (_name, event) => {
    const grouping = computeGrouping(event);
    expect(grouping.hashes.length).toBeGreaterThanOrEqual(1);
    for (const hash of grouping.hashes) expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(grouping.hashes).size).toBe(grouping.hashes.length);
    expect(grouping.title.trim()).not.toBe('');
    expect(grouping.type).toBe(event.exception ? 'error' : 'default');
  });

  it('gives the node SDK error its in-app and system hashes and a readable title', () => {
    const event = wire.find(([name]) => name === 'sentry-node-11.12.0-basic #002')?.[1];
    expect(event).toBeDefined();
    const grouping = groupEvent(event ?? {});
    expect(grouping).toMatchObject({
      title: 'Error: probe boom',
      culprit: 'node-test in thrower',
    });
    expect(grouping.hashes).toHaveLength(2);
  });
});

const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.anything(),
);
const frame = fc.dictionary(
  fc.constantFrom(
    'filename',
    'abs_path',
    'module',
    'function',
    'context_line',
    'in_app',
    'platform',
    'package',
  ),
  junk,
);
const exception = fc.dictionary(
  fc.constantFrom('type', 'value', 'module', 'mechanism', 'stacktrace'),
  fc.oneof(junk, fc.record({ frames: fc.oneof(junk, fc.array(fc.oneof(frame, junk))) })),
);
const event = fc.dictionary(
  fc.constantFrom(
    'exception',
    'threads',
    'stacktrace',
    'logentry',
    'message',
    'fingerprint',
    'platform',
    'transaction',
    'level',
    'logger',
    'tags',
    'request',
  ),
  fc.oneof(
    junk,
    fc.record({ values: fc.oneof(junk, fc.array(fc.oneof(exception, junk))) }),
    fc.array(
      fc.oneof(fc.string(), fc.constant('{{ default }}'), fc.constant('{{ tags.a }}'), junk),
    ),
    fc.record({ frames: fc.array(fc.oneof(frame, junk)) }),
  ),
);

describe('odd payloads', () => {
  it('never throws on junk in the known fields', () => {
    fc.assert(
      fc.property(event, (data) => {
        const grouping = computeGrouping(data);
        expect(grouping.hashes.length).toBeGreaterThanOrEqual(1);
        expect(grouping.title).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        expect(groupEvent(data as JsonObject).hashes.length).toBeGreaterThanOrEqual(1);
        expect(() => computeGrouping((data ?? {}) as JsonObject)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('handles a specific collection of wrong types', () => {
    const samples: unknown[] = [
      { exception: null, threads: 3, stacktrace: 'x', fingerprint: {} },
      { exception: { values: [null, 1, 'a', { stacktrace: { frames: [null, 2, {}] } }] } },
      { exception: [{ type: 5, value: ['x'] }], logentry: { message: 7 }, message: { a: 1 } },
      { threads: { values: [{ crashed: 'yes', stacktrace: { frames: 'no' } }] } },
      { fingerprint: ['{{ tags.x }}'], tags: [null, ['x'], 'x', [1, 2]] },
      { fingerprint: ['{{ tags.x }}'], tags: { x: 3 } },
      { platform: 9, transaction: {}, request: { url: 1 } },
    ];
    for (const sample of samples) {
      expect(() => computeGrouping(sample as JsonObject)).not.toThrow();
    }
  });
});
