import { randomUUID } from 'node:crypto';
import { isJsonObject, longerThan, type EventError } from './event-fields.js';
import { type EventPatch, applyPatch } from './event-patch.js';
import { normalizeLogEntry } from './normalize-message.js';
import { readClientTags, setTags, type Tag } from './normalize-tags.js';
import { resolveTimestamp } from './normalize-time.js';
import type { JsonObject, NormalizedEvent } from './types.js';

type Level = NormalizedEvent['level'];
export type IngestEnvironmentProblem = 'too_long' | 'restricted_name' | 'bad_characters';

const MAX_ENVIRONMENT_LENGTH = 64;
const MAX_RELEASE_LENGTH = 200;
const MAX_DIST_LENGTH = 64;
// Relay's rule (spec §1.2). Without the `m` flag, `$` only matches at the very end, like `\z`.
// eslint-disable-next-line no-control-regex -- the rule is about control characters
const RELAY_ENVIRONMENT = /^[^\\/\r\n\t\x7f\x00-\x1f]*$/;
// Sentry's ENVIRONMENT_NAME_PATTERN (spec §1.2).
const SENTRY_ENVIRONMENT = /^[^\n\r\f/]*$/;
// Sentry's BAD_RELEASE_CHARS.
const BAD_RELEASE_CHARACTERS = /[\r\n\f\t/\\]/;
const EVENT_ID = /^[0-9a-f]{32}$/;

/** Relay's `validate_environment`, applied to event and session environments (spec §1.2). */
export function validateIngestEnvironment(name: string): IngestEnvironmentProblem | null {
  if (Buffer.byteLength(name, 'utf8') > MAX_ENVIRONMENT_LENGTH) return 'too_long';
  if (name === '.' || name === '..' || name.toLowerCase() === 'none') return 'restricted_name';
  if (!RELAY_ENVIRONMENT.test(name)) return 'bad_characters';
  return null;
}

/**
 * Sentry's `Environment.is_valid_name` for names typed into the API (deploys, alert rules),
 * checked on `name.trim()` (spec §1.2). Empty names and `none`, the path segment that means
 * "no environment" (spec §1.5), are refused as well. Returns the message to show, or null.
 */
export function validateApiEnvironment(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'This field may not be blank.';
  if (longerThan(trimmed, MAX_ENVIRONMENT_LENGTH)) {
    return `Ensure this field has no more than ${MAX_ENVIRONMENT_LENGTH} characters.`;
  }
  if (!SENTRY_ENVIRONMENT.test(trimmed)) return 'Invalid value for environment';
  if (trimmed.toLowerCase() === 'none') {
    return '"none" is reserved: it stands for events without an environment';
  }
  return null;
}

/** Sentry's `Release.is_valid_version` with its 200-character limit (spec §4.1). */
export function validateRelease(version: string): boolean {
  const trimmed = version.trim();
  return (
    !longerThan(version, MAX_RELEASE_LENGTH) &&
    !BAD_RELEASE_CHARACTERS.test(version) &&
    trimmed !== '' &&
    trimmed !== '.' &&
    trimmed !== '..' &&
    trimmed.toLowerCase() !== 'latest'
  );
}

const ENVIRONMENT_REASONS: Record<IngestEnvironmentProblem, string> = {
  too_long: `longer than ${MAX_ENVIRONMENT_LENGTH} bytes`,
  restricted_name: '".", ".." and "none" are reserved names',
  bad_characters: 'contains a slash, a backslash, a tab or a control character',
};

// Relay's level names and aliases, and the Python logging numbers (spec §4.1). Maps, so that
// a level such as `constructor` cannot reach Object.prototype.
const LEVEL_NAMES = new Map<string, Level>([
  ['debug', 'debug'],
  ['info', 'info'],
  ['log', 'info'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['error', 'error'],
  ['fatal', 'fatal'],
  ['critical', 'fatal'],
]);
const LEVEL_NUMBERS = new Map<number, Level>([
  [10, 'debug'],
  [20, 'info'],
  [30, 'warning'],
  [40, 'error'],
  [50, 'fatal'],
]);

function normalizeLevel(value: unknown, errors: EventError[]): Level {
  if (value === undefined || value === null) return 'error';
  const level =
    typeof value === 'string'
      ? LEVEL_NAMES.get(value.trim().toLowerCase())
      : typeof value === 'number'
        ? LEVEL_NUMBERS.get(value)
        : undefined;
  if (level) return level;
  errors.push({ type: 'invalid_data', name: 'level', value, reason: 'unknown level' });
  return 'error';
}

/** 32 lower-case hex digits; UUIDs lose their dashes. */
function normalizeEventId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.replaceAll('-', '').toLowerCase();
  return EVENT_ID.test(id) ? id : null;
}

/** A string field, trimmed; numbers are accepted where Relay reads the field leniently. */
function readText(value: unknown, lenient: boolean): string | null | undefined {
  if (typeof value === 'string') return value.trim();
  if (lenient && typeof value === 'number' && Number.isFinite(value)) return String(value);
  return value === undefined || value === null ? undefined : null;
}

// Spec §1.3 steps 1–3: trim, drop if empty, drop with an error entry if Relay refuses it.
function normalizeEnvironment(value: unknown, errors: EventError[]): string | null {
  const text = readText(value, false);
  if (text === undefined || text === '') return null;
  if (text === null) {
    errors.push({ type: 'invalid_data', name: 'environment', value, reason: 'expected a string' });
    return null;
  }
  const problem = validateIngestEnvironment(text);
  if (!problem) return text;
  errors.push({
    type: 'invalid_data',
    name: 'environment',
    value,
    reason: ENVIRONMENT_REASONS[problem],
  });
  return null;
}

// Relay reads `release` and `dist` leniently, so `"release": 2` means "2".
function normalizeVersionField(
  name: 'release' | 'dist',
  value: unknown,
  isValid: (text: string) => boolean,
  errors: EventError[],
): string | null {
  const text = readText(value, true);
  if (text === undefined || text === '') return null;
  if (text !== null && isValid(text)) return text;
  errors.push({ type: 'invalid_data', name, value, reason: `invalid ${name}` });
  return null;
}

const isValidDist = (dist: string) => !longerThan(dist, MAX_DIST_LENGTH) && !/[\r\n]/.test(dist);

// Relay fills `{{auto}}` with the address the request came from.
function normalizeUser(value: unknown, clientIp: string | undefined): JsonObject | null {
  if (!isJsonObject(value)) return null;
  if (value.ip_address !== '{{auto}}') return value;
  const user: JsonObject = { ...value };
  if (clientIp) user.ip_address = clientIp;
  else delete user.ip_address;
  return user;
}

/** Sentry's EventUser.tag_value: the first of id, email, username and IP address. */
function userTagOf(user: JsonObject | null): string | null {
  if (!user) return null;
  for (const [field, prefix] of [
    ['id', 'id'],
    ['email', 'email'],
    ['username', 'username'],
    ['ip_address', 'ip'],
  ] as const) {
    const text = readText(user[field], true);
    if (text) return `${prefix}:${text}`;
  }
  return null;
}

/** The first `max` code points of `text`. */
function firstCodePoints(text: string, max: number): string {
  // No more UTF-16 units than `max` means no more code points either.
  return text.length <= max ? text : [...text].slice(0, max).join('');
}

const stringField = (value: unknown) => (typeof value === 'string' ? value : null);

export interface NormalizeContext {
  /** Epoch milliseconds. */
  receivedAt: number;
  /** The envelope header's `event_id`, which wins over the payload's (spec §3.3). */
  eventId?: string;
  /** The address the request came from, for `{{auto}}`. */
  clientIp?: string;
  /** The envelope header's `sent_at`, epoch milliseconds, to correct a wrong SDK clock. */
  sentAt?: number;
}

/** The tags Sentry stores: the client's, then those it derives (spec §1.3). */
function deriveTags(raw: JsonObject, clientTags: Tag[], fields: Record<string, string | null>) {
  // Relay moves these fields into tags.
  return setTags(clientTags, [
    ['server_name', stringField(raw.server_name)],
    ['site', stringField(raw.site)],
    ['environment', fields.environment],
    ['level', fields.level],
    ['logger', stringField(raw.logger)],
    ['transaction', stringField(raw.transaction)],
    ['sentry:release', fields.release],
    ['sentry:dist', fields.release ? fields.dist : null],
    ['sentry:user', fields.user],
  ]);
}

/**
 * Normalises an error or default event the way Relay and Sentry do before storing it
 * (spec §1.3, §4.1). Fields it does not know stay as sent; problems with a field drop that
 * field and are recorded in `errors`, never refuse the event.
 */
export function normalizeEvent(raw: JsonObject, context: NormalizeContext): NormalizedEvent {
  const errors: EventError[] = [];
  const eventId =
    normalizeEventId(context.eventId) ??
    normalizeEventId(raw.event_id) ??
    randomUUID().replaceAll('-', '');
  const seconds = resolveTimestamp(raw.timestamp, context, errors);
  const level = normalizeLevel(raw.level, errors);
  const platform = stringField(raw.platform)?.trim() || 'other';
  const clientTags = readClientTags(raw.tags, errors);
  // A legacy SDK may send the environment as a tag; Relay promotes it as it is (spec §1.3).
  // Sentry then keeps at most 64 characters of a name (`get_name_or_default`, spec §1.4).
  const environment = firstCodePoints(
    normalizeEnvironment(raw.environment, errors) ?? clientTags.environment ?? '',
    MAX_ENVIRONMENT_LENGTH,
  );
  const release = normalizeVersionField('release', raw.release, validateRelease, errors);
  const dist = normalizeVersionField('dist', raw.dist, isValidDist, errors);
  const user = normalizeUser(raw.user, context.clientIp);
  const userTag = userTagOf(user);
  const tags = deriveTags(raw, clientTags.tags, {
    environment,
    level,
    release,
    dist,
    user: userTag,
  });

  const patch: EventPatch = { set: {}, unset: [] };
  // A field sent as it stays needs no place in the patch.
  const set = (name: string, value: unknown) => {
    if (raw[name] !== value) patch.set[name] = value;
  };
  const drop = (name: string) => {
    if (Object.hasOwn(raw, name)) patch.unset.push(name);
  };
  set('event_id', eventId);
  set('timestamp', seconds);
  set('level', level);
  set('platform', platform);
  for (const [name, value] of [
    ['environment', environment],
    ['release', release],
    ['dist', dist],
  ] as const) {
    if (value) set(name, value);
    else drop(name);
  }
  set('tags', tags);
  if (user) set('user', user);
  const logentry = normalizeLogEntry(raw);
  if (logentry) {
    set('logentry', logentry);
    // An object in `message` is the log entry under its legacy name: keep one copy.
    if (isJsonObject(raw.message) && !isJsonObject(raw.logentry)) drop('message');
  }
  const allErrors = [...(Array.isArray(raw.errors) ? raw.errors : []), ...errors];
  if (allErrors.length > 0) set('errors', allErrors);
  else drop('errors');

  return {
    eventId,
    data: applyPatch(raw, patch),
    patch,
    environment,
    level,
    release,
    timestamp: Math.round(seconds * 1000),
    receivedAt: context.receivedAt,
    platform,
    userTag: tags.some(([key]) => key === 'sentry:user') ? userTag : null,
    tags,
  };
}
