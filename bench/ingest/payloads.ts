import { ID_MARK } from './body-template.js';
import {
  ERROR_KINDS,
  MODULES,
  type Random,
  SDK,
  SPAN_OPS,
  breadcrumbs,
  contexts,
  stackFrames,
} from './payload-parts.js';

// Realistic envelopes as @sentry/node 11 sends them (see ../shared/fixtures/wire): an error
// with a 12–20 frame stack, breadcrumbs, contexts, tags, user and request data, about 6 KB;
// or a transaction with spans of about the same size. Generated from a fixed seed, so every
// run sends the same bodies, only with fresh ids and times.

export const ENVIRONMENTS = ['production', 'staging', 'development', 'preview'];
export const RELEASES = ['shop-api@1.4.0', 'shop-api@1.4.1', 'shop-api@1.5.0', 'shop-api@1.5.1'];

function envelopeHeader(environment: string, release: string, traceId: string, sentAt: string) {
  return JSON.stringify({
    event_id: ID_MARK,
    sent_at: sentAt,
    sdk: { name: SDK.name, version: SDK.version },
    trace: { environment, release, public_key: 'bench', trace_id: traceId, sample_rate: '1' },
  });
}

export interface BodyOptions {
  environment: string;
  release: string;
  /** Epoch seconds: the event time, close to when the run starts. */
  now: number;
  random: Random;
}

/** An error event envelope; with `session`, a session update rides along. */
export function errorEnvelope(
  kindIndex: number,
  { environment, release, now, random }: BodyOptions,
  session = false,
): string {
  const kind = ERROR_KINDS[kindIndex % ERROR_KINDS.length]!;
  const traceId = random.hex(32);
  const route = `/api/${kind.appFrames[3]![0].split('/')[0]}/:id`;
  const userId = random.int(1, 5000);
  const event = {
    event_id: ID_MARK,
    timestamp: now,
    platform: 'node',
    level: 'error',
    logger: 'shop-api',
    server_name: `shop-api-${random.int(1, 6)}`,
    environment,
    release,
    transaction: `GET ${route}`,
    exception: {
      values: [
        {
          type: kind.type,
          value: kind.value(random),
          stacktrace: { frames: stackFrames(kind, random) },
          mechanism: { type: kind.mechanism, handled: kind.mechanism === 'generic' },
        },
      ],
    },
    breadcrumbs: breadcrumbs(random, now),
    contexts: contexts(random, traceId),
    tags: {
      route,
      'http.method': 'GET',
      region: random.pick(['eu-west-1', 'us-east-1', 'ap-south-1']),
      'customer.tier': random.pick(['free', 'pro', 'enterprise']),
      feature_checkout_v2: random.pick(['on', 'off']),
    },
    user: { id: String(userId), ip_address: `10.1.${random.int(0, 255)}.${random.int(1, 254)}` },
    request: {
      method: 'GET',
      url: `https://shop.example.com${route.replace(':id', String(random.int(1, 99999)))}`,
      query_string: 'expand=items&currency=EUR',
      headers: {
        host: 'shop.example.com',
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
        accept: 'application/json',
      },
    },
    extra: { attempt: random.int(1, 3), queueDepth: random.int(0, 40) },
    modules: MODULES,
    sdk: SDK,
  };
  const sentAt = new Date(now * 1000 + 15).toISOString();
  const lines = [
    envelopeHeader(environment, release, traceId, sentAt),
    JSON.stringify({ type: 'event' }),
    JSON.stringify(event),
  ];
  if (session) {
    lines.push(
      JSON.stringify({ type: 'session' }),
      JSON.stringify({
        sid: random.hex(32),
        did: String(userId),
        init: false,
        started: new Date(now * 1000 - 60_000).toISOString(),
        timestamp: new Date(now * 1000).toISOString(),
        status: 'ok',
        errors: 1,
        duration: 60,
        attrs: { release, environment },
      }),
    );
  }
  return lines.join('\n');
}

export function transactionEnvelope({ environment, release, now, random }: BodyOptions): string {
  const traceId = random.hex(32);
  const rootSpan = random.hex(16);
  const start = now - 0.4;
  const route = random.pick(['/api/orders/:id', '/api/cart', '/api/checkout', '/api/search']);
  const spans = Array.from({ length: random.int(10, 16) }, () => {
    const [op, description] = random.pick(SPAN_OPS);
    const begin = start + random.next() * 0.3;
    return {
      span_id: random.hex(16),
      parent_span_id: rootSpan,
      trace_id: traceId,
      op,
      description: description(random),
      start_timestamp: Number(begin.toFixed(6)),
      timestamp: Number((begin + random.next() * 0.08).toFixed(6)),
      status: 'ok',
      origin: 'auto.http.otel.node',
      data: { 'sentry.op': op, 'otel.kind': 'INTERNAL' },
    };
  });
  const transaction = {
    event_id: ID_MARK,
    type: 'transaction',
    transaction: `GET ${route}`,
    transaction_info: { source: 'route' },
    start_timestamp: Number(start.toFixed(6)),
    timestamp: now,
    platform: 'node',
    server_name: `shop-api-${random.int(1, 6)}`,
    environment,
    release,
    contexts: {
      ...contexts(random, traceId),
      trace: {
        trace_id: traceId,
        span_id: rootSpan,
        op: 'http.server',
        status: 'ok',
        origin: 'auto.http.otel.http',
        data: { 'http.response.status_code': 200, 'sentry.sample_rate': 1 },
      },
    },
    spans,
    measurements: {},
    tags: { route, region: random.pick(['eu-west-1', 'us-east-1']) },
    request: { method: 'GET', url: `https://shop.example.com${route}` },
    sdk: SDK,
  };
  const sentAt = new Date(now * 1000 + 15).toISOString();
  return [
    envelopeHeader(environment, release, traceId, sentAt),
    JSON.stringify({ type: 'transaction' }),
    JSON.stringify(transaction),
  ].join('\n');
}
