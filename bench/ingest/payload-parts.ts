// The pieces the bench's envelopes are made of: a seeded random source, the kinds of error a
// small shop API might throw, its stack frames, breadcrumbs, contexts and span operations.
import { seededRandom as numbers } from '../random.js';

/** The seeded generator (bench/random.ts) with the draws the bodies need: the same bodies on every run. */
export function seededRandom(seed: number) {
  const next = numbers(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    hex: (length: number) =>
      Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}
export type Random = ReturnType<typeof seededRandom>;

export interface ErrorKind {
  type: string;
  value: (random: Random) => string;
  /** The app's own frames, innermost last: they decide the issue an event joins. */
  appFrames: [file: string, fn: string][];
  mechanism: string;
}

// Twenty kinds of error: twenty issues per environment, as a busy service might have.
export const ERROR_KINDS: ErrorKind[] = [
  [
    'TypeError',
    "Cannot read properties of undefined (reading 'id')",
    'orders/handlers',
    'getOrder',
  ],
  ['Error', 'Order {n} not found', 'orders/repository', 'findOrderById'],
  ['Error', 'connect ECONNREFUSED 10.0.3.{n}:5432', 'db/pool', 'acquireConnection'],
  ['SyntaxError', 'Unexpected token < in JSON at position 0', 'payments/client', 'parseResponse'],
  ['RangeError', 'Invalid time value', 'reports/format', 'formatPeriod'],
  ['TimeoutError', 'Request to inventory timed out after {n}ms', 'inventory/client', 'reserve'],
  ['ValidationError', 'email must be a valid address', 'users/validate', 'validateSignup'],
  ['Error', 'Rate limit exceeded for key {n}', 'auth/limits', 'checkRateLimit'],
  ['TypeError', 'cart.items.map is not a function', 'cart/totals', 'computeTotals'],
  [
    'Error',
    'ENOENT: no such file or directory, open /srv/uploads/{n}.png',
    'media/store',
    'readUpload',
  ],
  ['AuthError', 'Token expired', 'auth/session', 'verifyToken'],
  ['Error', 'Deadlock detected while updating stock row {n}', 'inventory/stock', 'decrement'],
  ['TypeError', "Cannot read properties of null (reading 'address')", 'shipping/quote', 'quote'],
  ['Error', 'Stripe: card_declined', 'payments/charge', 'chargeCard'],
  ['ReferenceError', 'tenant is not defined', 'tenants/context', 'currentTenant'],
  ['Error', 'Upstream responded 502 for /v2/prices', 'pricing/client', 'fetchPrices'],
  ['Error', 'Queue job {n} failed after 5 attempts', 'jobs/worker', 'runJob'],
  ['TypeError', 'Assignment to constant variable.', 'search/index', 'rebuildIndex'],
  ['Error', 'Invariant failed: basket total below zero', 'cart/invariants', 'assertTotals'],
  ['SyntaxError', 'Unexpected end of JSON input', 'webhooks/receive', 'parseWebhook'],
].map(([type, value, file, fn], index) => ({
  type: type!,
  value: (random: Random) => value!.replace('{n}', String(random.int(10, 9999))),
  appFrames: [
    ['server', 'handleRequest'],
    ['middleware/auth', 'requireUser'],
    [file!.split('/')[0] + '/routes', 'route'],
    [file!, fn!],
  ] as [string, string][],
  mechanism: index % 3 === 0 ? 'onunhandledrejection' : 'generic',
}));

export const ERROR_KIND_COUNT = ERROR_KINDS.length;

const LIBRARY_FRAMES: [module: string, fn: string, file: string][] = [
  ['express.lib.router:layer', 'Layer.handle [as handle_request]', 'express/lib/router/layer.js'],
  ['express.lib.router:index', 'next', 'express/lib/router/index.js'],
  ['express.lib.router:route', 'Route.dispatch', 'express/lib/router/route.js'],
  ['express.lib.router:index', 'Function.process_params', 'express/lib/router/index.js'],
  ['pg.lib:client', 'Client._handleReadyForQuery', 'pg/lib/client.js'],
  ['pg-pool:index', 'Pool._acquireClient', 'pg-pool/index.js'],
  ['body-parser.lib.types:json', 'jsonParser', 'body-parser/lib/types/json.js'],
  ['@opentelemetry.context-async-hooks', 'AsyncLocalStorage.run', 'context-async-hooks/build.js'],
];
const INTERNAL_FRAMES: [string, string][] = [
  ['node:internal/process/task_queues', 'process.processTicksAndRejections'],
  ['node:internal/timers', 'listOnTimeout'],
  ['node:events', 'EventEmitter.emit'],
  ['node:internal/async_hooks', 'AsyncResource.runInAsyncScope'],
];

function sourceLine(random: Random): string {
  return random.pick([
    '  const order = await repository.findOrderById(request.params.id);',
    '  if (!user) throw new AuthError("Token expired");',
    '  return response.status(200).json(serialize(result));',
    '  const client = await pool.connect();',
    '  logger.info({ requestId }, "handling request");',
    '  for (const item of cart.items) total += item.price * item.quantity;',
    '  await queue.publish("orders.updated", { id: order.id });',
    '}',
  ]);
}

export function stackFrames(kind: ErrorKind, random: Random) {
  const total = random.int(12, 20);
  const frames: Record<string, unknown>[] = [];
  const outer = total - kind.appFrames.length;
  for (let index = 0; index < outer; index++) {
    if (index < 2) {
      const [file, fn] = random.pick(INTERNAL_FRAMES);
      frames.push({
        filename: file,
        module: file.split('/').pop(),
        function: fn,
        lineno: random.int(20, 600),
        colno: random.int(1, 40),
        in_app: false,
      });
    } else {
      const [module, fn, file] = random.pick(LIBRARY_FRAMES);
      frames.push({
        filename: `/srv/shop-api/node_modules/${file}`,
        module,
        function: fn,
        lineno: random.int(20, 900),
        colno: random.int(1, 40),
        in_app: false,
      });
    }
  }
  for (const [file, fn] of kind.appFrames) {
    const lineno = random.int(10, 400);
    frames.push({
      filename: `/srv/shop-api/src/${file}.js`,
      module: file.replaceAll('/', ':'),
      function: fn,
      lineno,
      colno: random.int(3, 30),
      in_app: true,
      pre_context: [sourceLine(random), sourceLine(random)],
      context_line: sourceLine(random),
      post_context: [sourceLine(random)],
    });
  }
  return frames;
}

export function breadcrumbs(random: Random, now: number) {
  const count = random.int(4, 7);
  return Array.from({ length: count }, (_, index) => {
    const timestamp = Number((now - (count - index) * 0.35).toFixed(3));
    switch (random.int(0, 2)) {
      case 0:
        return {
          timestamp,
          type: 'http',
          category: 'http',
          level: 'info',
          data: {
            'http.method': random.pick(['GET', 'POST']),
            url: `http://inventory.internal:8080/v1/items/${random.int(1, 99999)}`,
            status_code: random.pick([200, 200, 404, 503]),
          },
        };
      case 1:
        return {
          timestamp,
          category: 'console',
          level: 'log',
          message: `cache miss for session ${random.hex(12)}`,
          data: { logger: 'console', arguments: ['cache miss'] },
        };
      default:
        return {
          timestamp,
          category: 'query',
          message: 'SELECT id, status, total_cents FROM orders WHERE customer_id = $1 LIMIT 50',
          data: { 'db.system': 'postgresql' },
        };
    }
  });
}

export const SDK = {
  name: 'sentry.javascript.node',
  version: '11.12.0',
  integrations: [
    'InboundFilters',
    'FunctionToString',
    'LinkedErrors',
    'RequestData',
    'Console',
    'Http',
    'NodeFetch',
    'OnUncaughtException',
    'OnUnhandledRejection',
    'ContextLines',
    'Context',
    'Modules',
    'Express',
    'Postgres',
  ],
  packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }],
};

export const MODULES = {
  express: '4.21.2',
  pg: '8.13.1',
  'pg-pool': '3.7.0',
  'body-parser': '1.20.3',
  '@sentry/node': '11.12.0',
  zod: '3.24.1',
  pino: '9.5.0',
  ioredis: '5.4.2',
  stripe: '17.5.0',
  dayjs: '1.11.13',
};

export function contexts(random: Random, traceId: string) {
  return {
    trace: { trace_id: traceId, span_id: random.hex(16), parent_span_id: random.hex(16) },
    runtime: { name: 'node', version: 'v20.20.2' },
    app: { app_start_time: new Date(Date.now() - 3_600_000).toISOString(), app_memory: 98566144 },
    os: { kernel_version: '6.1.0-28-amd64', name: 'Debian', version: '12.11' },
    device: {
      arch: 'x64',
      memory_size: 8254418944,
      free_memory: random.int(1e9, 4e9),
      processor_count: 4,
      cpu_description: 'AMD EPYC 7B13',
    },
    culture: { locale: 'en-US', timezone: 'Europe/Berlin' },
  };
}

export const SPAN_OPS: [op: string, description: (random: Random) => string][] = [
  ['db', () => 'SELECT id, status, total_cents FROM orders WHERE customer_id = $1 LIMIT 50'],
  ['db', () => 'UPDATE stock SET quantity = quantity - $1 WHERE sku = $2'],
  ['http.client', (random) => `GET http://inventory.internal:8080/v1/items/${random.int(1, 9999)}`],
  ['middleware.express', () => 'jsonParser'],
  ['middleware.express', () => 'requireUser'],
  ['cache.get', (random) => `session:${random.hex(12)}`],
  ['function', () => 'computeTotals'],
];

/** A transaction envelope: an HTTP request with its spans. */
