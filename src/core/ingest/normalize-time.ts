import type { EventError } from './event-fields.js';

// Relay's defaults `max_secs_in_past` and `max_secs_in_future` (spec §4.1).
const MAX_SECONDS_IN_PAST = 30 * 24 * 60 * 60;
const MAX_SECONDS_IN_FUTURE = 60;
// Relay corrects an SDK clock only when it is off by at least this much (MINIMUM_CLOCK_DRIFT).
const MIN_CLOCK_DRIFT_SECONDS = 55 * 60;

// RFC 3339, plus what SDKs send in practice: a space for `T`, and no offset meaning UTC.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):?(\d{2}))?$/;

function parseDateTime(text: string): number | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map(Number);
  const outOfRange = month < 1 || month > 12 || day < 1 || day > 31;
  if (outOfRange || hour > 23 || minute > 59 || second > 60) return null;
  const fraction = match[7] ? Number(match[7]) : 0;
  const sign = match[9] === '-' ? -1 : 1;
  const offsetMinutes = match[9] ? sign * (Number(match[10]) * 60 + Number(match[11])) : 0;
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  return utcMs / 1000 + fraction - offsetMinutes * 60;
}

/** Epoch seconds from an RFC 3339 string or a number of epoch seconds; null if neither. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return parseDateTime(value);
  return null;
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);
const threeDigits = (value: number) =>
  value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`;

/**
 * `date.toISOString()`, put together from the date's parts for four-digit years, which takes
 * half the time; other years have padded or signed forms that toISOString knows.
 */
function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  const day = `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`;
  return `${day}T${time}.${threeDigits(date.getUTCMilliseconds())}Z`;
}

/** An ISO string for an error entry; values outside Date's range are shown as they are. */
function describeTime(seconds: number): string | number {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? seconds : isoString(date);
}

export interface TimestampContext {
  /** Epoch milliseconds. */
  receivedAt: number;
  /** The envelope's `sent_at`, epoch milliseconds, when it had one. */
  sentAt?: number;
}

/**
 * The event time in epoch seconds, as Relay settles it (spec §4.1): a missing time becomes the
 * receive time; an SDK clock off by an hour or more is corrected using `sent_at`; a time still
 * more than 30 days old or 60 s ahead is replaced by the receive time, with an error entry.
 */
export function resolveTimestamp(
  value: unknown,
  context: TimestampContext,
  errors: EventError[],
): number {
  const received = context.receivedAt / 1000;
  if (value === undefined || value === null) return received;
  let seconds = parseTimestamp(value);
  if (seconds === null) {
    errors.push({
      type: 'invalid_data',
      name: 'timestamp',
      value,
      reason: 'expected an RFC 3339 date or epoch seconds',
    });
    return received;
  }
  if (context.sentAt !== undefined && Number.isFinite(context.sentAt)) {
    const drift = received - context.sentAt / 1000;
    if (Math.abs(drift) >= MIN_CLOCK_DRIFT_SECONDS) {
      errors.push({
        type: 'clock_drift',
        name: 'timestamp',
        sdk_time: describeTime(context.sentAt / 1000),
        server_time: describeTime(received),
      });
      seconds += drift;
    }
  }
  if (received - seconds > MAX_SECONDS_IN_PAST) {
    errors.push({ type: 'past_timestamp', name: 'timestamp', sdk_time: describeTime(seconds) });
    return received;
  }
  if (seconds - received > MAX_SECONDS_IN_FUTURE) {
    errors.push({ type: 'future_timestamp', name: 'timestamp', sdk_time: describeTime(seconds) });
    return received;
  }
  return seconds;
}
