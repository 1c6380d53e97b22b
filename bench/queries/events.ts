import { type Random, between, mix, pick, seededRandom, weighted } from '../random.js';

// Raw events as SDKs send them, made up from a seed: the groups (issues) they fall into, their
// environments, users, releases and times follow skewed distributions, as real traffic does.

/** The 20 environments, most events in the first ones. */
export const ENVIRONMENTS = [
  'production',
  'staging',
  'development',
  'qa',
  'test',
  'canary',
  'preview',
  'eu-production',
  'us-production',
  'ap-production',
  'sandbox',
  'demo',
  'perf',
  'integration',
  'uat',
  'hotfix',
  'local',
  'ci',
  'review-app',
  'loadtest',
] as const;
const ENVIRONMENT_WEIGHTS = [30, 15, 10, 6, 5, 4, 4, 4, 4, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1];
/** Share of events sent without an environment: "(No Environment)". */
const NO_ENVIRONMENT_SHARE = 0.02;
/** Share of an issue's events in its own main environment; the rest spread over all of them. */
const PRIMARY_ENVIRONMENT_SHARE = 0.6;

/** The three projects: slug, platform, share of the issues. */
export const PROJECTS = [
  { slug: 'default', platform: 'node', share: 0.55 },
  { slug: 'web', platform: 'javascript', share: 0.3 },
  { slug: 'worker', platform: 'python', share: 0.15 },
] as const;
/** Environments hidden per project after seeding, so that the hidden lists have rows. */
export const HIDDEN_ENVIRONMENTS: readonly (readonly string[])[] = [
  ['sandbox', 'loadtest'],
  ['demo', 'perf', 'loadtest'],
  [],
];

const USERS = 200_000;
const DAY = 86_400_000;

const ERROR_TYPES = [
  'TypeError',
  'RangeError',
  'ReferenceError',
  'Error',
  'TimeoutError',
  'ValidationError',
  'DatabaseError',
  'NetworkError',
  'AuthenticationError',
  'NotFoundError',
];
const VERBS = ['load', 'save', 'fetch', 'parse', 'render', 'validate', 'sync', 'resolve', 'send'];
const NOUNS = ['Cart', 'User', 'Order', 'Invoice', 'Session', 'Payment', 'Report', 'Upload', 'Job'];
const PROPERTIES = ['id', 'length', 'name', 'items', 'total', 'owner', 'status', 'then'];
const LIBRARIES = ['express', 'react-dom', 'pg', 'axios', 'undici', 'zod', 'ioredis', 'celery'];
const CATEGORIES = ['http', 'navigation', 'ui.click', 'console', 'query', 'cache'];

/** g → 'Bqxa': a name part no parameterisation strips, so that every group hashes apart. */
function code(group: number): string {
  let text = '';
  let rest = group;
  do {
    text += String.fromCharCode(97 + (rest % 26));
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text[0]!.toUpperCase() + text.slice(1);
}

interface Frame {
  filename: string;
  function: string;
  module?: string;
  lineno: number;
  colno?: number;
  in_app: boolean;
  context_line?: string;
}

interface Group {
  project: number;
  environment: number;
  kind: 'exception' | 'message';
  type: string;
  value: (random: Random) => string;
  frames: Frame[];
  level: string;
}

function makeGroup(seed: number, group: number): Group {
  const random = seededRandom(mix(seed, group + 1_000_000_007));
  const project = weighted(
    random,
    PROJECTS.map((each) => each.share),
  );
  const platform = PROJECTS[project]!.platform;
  const name = code(group);
  const verb = pick(random, VERBS);
  const noun = pick(random, NOUNS);
  const property = pick(random, PROPERTIES);
  const frames: Frame[] = [];
  const depth = between(random, 2, 8);
  for (let index = 0; index < depth; index++) {
    const inApp = index >= depth - 3 || random() < 0.3;
    const library = pick(random, LIBRARIES);
    const file = inApp
      ? `/app/src/${pick(random, ['api', 'jobs', 'features', 'lib'])}/${pick(random, VERBS)}-${pick(random, NOUNS).toLowerCase()}.${platform === 'python' ? 'py' : 'js'}`
      : `/app/node_modules/${library}/lib/${pick(random, ['index', 'router', 'client', 'pool'])}.js`;
    frames.push({
      filename: file,
      function:
        index === depth - 1
          ? `${verb}${noun}${name}`
          : `${pick(random, VERBS)}${pick(random, NOUNS)}`,
      ...(platform === 'python' ? { module: file.slice(5, -3).replaceAll('/', '.') } : {}),
      lineno: between(random, 1, 900),
      ...(platform === 'python'
        ? { context_line: `    result = ${verb}_${noun.toLowerCase()}(request, ${property})` }
        : { colno: between(random, 1, 120) }),
      in_app: inApp,
    });
  }
  const kind = random() < 0.8 ? 'exception' : 'message';
  const type = pick(random, ERROR_TYPES);
  const values: ((random: Random) => string)[] = [
    () => `Cannot read properties of undefined (reading '${property}')`,
    (r) => `${noun} ${between(r, 1, 99_999)} not found in ${name}`,
    (r) => `Request to /api/${noun.toLowerCase()}s failed with status ${pick(r, [500, 502, 503])}`,
    (r) => `timeout of ${between(r, 1000, 30_000)}ms exceeded while ${verb}ing ${name}`,
    () => `Invalid ${noun.toLowerCase()} payload: expected ${property}`,
  ];
  return {
    project,
    environment: weighted(random, ENVIRONMENT_WEIGHTS),
    kind,
    type,
    value:
      kind === 'exception'
        ? pick(random, values)
        : (r) => `${verb} ${noun.toLowerCase()} ${name} took ${between(r, 100, 9000)}ms`,
    frames,
    level:
      kind === 'exception'
        ? random() < 0.05
          ? 'fatal'
          : 'error'
        : pick(random, ['warning', 'info']),
  };
}

/**
 * Which group each event belongs to: every group once, the rest skewed (group g gets a share
 * that falls with g, the busiest a few percent of all events), shuffled so that time mixes them.
 */
function planGroups(seed: number, events: number, issues: number): Int32Array {
  const random = seededRandom(mix(seed, 1));
  const groups = new Int32Array(events);
  for (let index = 0; index < events; index++) {
    groups[index] = index < issues ? index : Math.floor(issues * random() ** 3);
  }
  for (let index = events - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const swap = groups[index]!;
    groups[index] = groups[other]!;
    groups[other] = swap;
  }
  return groups;
}

export interface RawEvent {
  project: number;
  receivedAt: number;
  body: Record<string, unknown>;
}

/**
 * The events of one seed, generated one at a time in time order: `events` of them over the
 * `days` before `end`, falling into `issues` groups across the three projects.
 */
export function createEventSource(options: {
  seed: number;
  events: number;
  issues: number;
  end: number;
  days: number;
}) {
  const { seed, events, issues, end, days } = options;
  const groupOf = planGroups(seed, events, issues);
  const groups = new Map<number, Group>();
  // An hour of margin keeps the oldest event inside Relay's 30-day window.
  const start = end - days * DAY + 3_600_000;
  const step = (end - start) / events;

  function group(index: number): Group {
    let found = groups.get(index);
    if (!found) groups.set(index, (found = makeGroup(seed, index)));
    return found;
  }

  return {
    event(index: number): RawEvent {
      const random = seededRandom(mix(seed, index + 7));
      const shape = group(groupOf[index]!);
      const project = PROJECTS[shape.project]!;
      const timestamp = Math.floor(start + index * step + random() * step);
      const draw = random();
      const environment =
        draw < NO_ENVIRONMENT_SHARE
          ? undefined
          : draw < NO_ENVIRONMENT_SHARE + PRIMARY_ENVIRONMENT_SHARE
            ? ENVIRONMENTS[shape.environment]
            : ENVIRONMENTS[weighted(random, ENVIRONMENT_WEIGHTS)];
      const user = random() < 0.85 ? Math.floor(USERS * random() ** 2) : null;
      const body: Record<string, unknown> = {
        event_id: (seed.toString(16).padStart(8, '0') + index.toString(16).padStart(24, '0')).slice(
          -32,
        ),
        timestamp: timestamp / 1000,
        platform: project.platform,
        level: shape.level,
        release: `${project.slug}@1.${Math.floor((timestamp - start) / (3 * DAY))}.0`,
        server_name: `${project.slug}-${between(random, 1, 12)}`,
        tags: { region: pick(random, ['eu-west-1', 'us-east-1', 'ap-south-1']), shard: 'a' },
        contexts: {
          os: { name: 'Linux', version: `6.${between(random, 1, 8)}.0` },
          runtime:
            project.platform === 'python'
              ? { name: 'CPython', version: '3.12.4' }
              : { name: 'node', version: `v20.${between(random, 10, 19)}.0` },
        },
        sdk: { name: `sentry.${project.platform}`, version: '8.40.0' },
        breadcrumbs: { values: breadcrumbs(random, timestamp) },
      };
      if (environment !== undefined) body.environment = environment;
      if (user !== null) {
        body.user = { id: `u${user}`, username: `user${user}`, email: `user${user}@example.com` };
      }
      if (shape.kind === 'exception') {
        body.exception = {
          values: [
            {
              type: shape.type,
              value: shape.value(random),
              mechanism: { type: 'generic', handled: random() < 0.7 },
              stacktrace: { frames: shape.frames },
            },
          ],
        };
      } else {
        body.message = shape.value(random);
      }
      if (random() < 0.3) {
        body.request = {
          method: pick(random, ['GET', 'POST', 'PUT']),
          url: `https://${project.slug}.example.com/api/${pick(random, NOUNS).toLowerCase()}s/${between(random, 1, 9999)}`,
          headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' },
        };
      }
      return { project: shape.project, receivedAt: timestamp + between(random, 5, 400), body };
    },
  };
}

/** 0 to 16 crumbs, mostly none or a few: payloads vary from about 0.6 to 4 KB. */
function breadcrumbs(random: Random, timestamp: number) {
  const count = Math.floor(17 * random() ** 4);
  return Array.from({ length: count }, (_, index) => ({
    timestamp: (timestamp - (count - index) * 1500) / 1000,
    category: pick(random, CATEGORIES),
    level: 'info',
    message: `${pick(random, VERBS)} ${pick(random, NOUNS).toLowerCase()} ${between(random, 1, 99_999)}`,
    data: { duration: between(random, 1, 900) },
  }));
}
