import { gunzipSync } from 'node:zlib';
import {
  type BodyTemplate,
  ID_MARK,
  assemble,
  gzipTemplate,
  plainTemplate,
} from './body-template.js';
import {
  type BodyOptions,
  ENVIRONMENTS,
  RELEASES,
  errorEnvelope,
  transactionEnvelope,
} from './payloads.js';
import { ERROR_KIND_COUNT, seededRandom } from './payload-parts.js';

export type VariantName = 'errors' | 'errors+sessions' | 'transactions';

export interface TemplatePools {
  main: BodyTemplate[];
  /** Bodies sent instead on every n-th request of each generator thread. */
  every?: { n: number; templates: BodyTemplate[] };
}

export interface Variant {
  name: VariantName;
  description: string;
  build(now: number): TemplatePools;
}

// A quarter of the bodies are gzip: what SDKs that compress (Python, browsers for large
// bodies) send, mixed with the uncompressed majority.
const GZIP_EVERY = 4;
const MAIN_TEMPLATES = 128;
const SESSION_EVERY = 10;

function templates(
  count: number,
  seed: number,
  now: number,
  kind: BodyTemplate['kind'],
  body: (index: number, options: BodyOptions) => string,
): BodyTemplate[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    // Every environment meets every release, each pair with plain and gzip bodies.
    const options = {
      environment: ENVIRONMENTS[index % ENVIRONMENTS.length]!,
      release: RELEASES[Math.floor(index / ENVIRONMENTS.length) % RELEASES.length]!,
      now,
      random,
    };
    const text = body(index, options);
    const gzip = Math.floor(index / 16) % GZIP_EVERY === GZIP_EVERY - 1;
    return gzip ? gzipTemplate(kind, text) : plainTemplate(kind, text);
  });
}

// Each kind of error drawn at random, so that an issue shows up in several environments and
// releases, as one does in a real project.
const errors = (now: number, seed: number) =>
  templates(MAIN_TEMPLATES, seed, now, 'error', (_, options) =>
    errorEnvelope(options.random.int(0, ERROR_KIND_COUNT - 1), options),
  );

export const VARIANTS: Variant[] = [
  {
    name: 'errors',
    description: 'error events only',
    build: (now) => ({ main: errors(now, 1) }),
  },
  {
    name: 'errors+sessions',
    description: `error events; every ${SESSION_EVERY}th request also carries a session update`,
    build: (now) => ({
      main: errors(now, 1),
      every: {
        n: SESSION_EVERY,
        templates: templates(64, 2, now, 'error+session', (_, options) =>
          errorEnvelope(options.random.int(0, ERROR_KIND_COUNT - 1), options, true),
        ),
      },
    }),
  },
  {
    name: 'transactions',
    description: 'transactions with 10–16 spans',
    build: (now) => ({
      main: templates(MAIN_TEMPLATES, 3, now, 'transaction', (_, options) =>
        transactionEnvelope(options),
      ),
    }),
  },
];

const ITEM_TYPES: Record<BodyTemplate['kind'], string> = {
  error: 'event',
  'error+session': 'event+session',
  transaction: 'transaction',
};

/**
 * Assembles every template with two different ids and reads it back as a server would, so a
 * mistake in the gzip splicing fails here, with a reason, instead of as a run of 400s.
 */
export function checkTemplates(pools: TemplatePools): void {
  const all = [...pools.main, ...(pools.every?.templates ?? [])];
  for (const [index, template] of all.entries()) {
    for (const id of ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210']) {
      const wire = assemble(template, id);
      const text = (template.gzip ? gunzipSync(wire) : wire).toString('utf8');
      const lines = text.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const payload = lines[2]!;
      if (lines[0]!.event_id !== id || payload.event_id !== id || text.includes(ID_MARK)) {
        throw new Error(`Body template ${index} does not carry its event id where it should.`);
      }
      const types = lines.filter((_, line) => line % 2 === 1).map((header) => header.type);
      if (types.join('+') !== ITEM_TYPES[template.kind]) {
        throw new Error(`Body template ${index} holds ${types.join('+')}, not ${template.kind}.`);
      }
    }
  }
}

/** Average wire and decoded sizes, for the report. */
export function templateSizes(pools: TemplatePools) {
  const all = [...pools.main, ...(pools.every?.templates ?? [])];
  const id = '0'.repeat(32);
  let wire = 0;
  let decoded = 0;
  for (const template of all) {
    const body = assemble(template, id);
    wire += body.length;
    decoded += template.gzip ? gunzipSync(body).length : body.length;
  }
  return {
    averageWireBytes: Math.round(wire / all.length),
    averageDecodedBytes: Math.round(decoded / all.length),
    gzipShare: all.filter((template) => template.gzip).length / all.length,
  };
}
