import { StatusError } from '../errors.js';
import type { RawItemWrite, WriteJob } from '../store/write-types.js';
import { parseJsonObject } from './envelope.js';
import { groupEvent } from './grouping/index.js';
import { limits } from './limits.js';
import { normalizeEvent } from './normalize.js';
import type { Envelope, EnvelopeItem, JsonObject } from './types.js';

export interface Target {
  projectId: number;
  organizationId: number;
}

export interface ProcessContext {
  receivedAt: number;
  clientIp?: string;
  /** The envelope's `sent_at`, epoch milliseconds: corrects a wrong SDK clock. */
  sentAt?: number;
}

export interface Processed {
  job: WriteJob;
  /** What the SDK is told: the event id when the request carried one (spec §3.6). */
  responseId: string | null;
}

const EVENT_TYPES = new Set(['event', 'error', 'default']);

// Items whose size Relay limits on their own (spec §3.7).
const ITEM_LIMITS: Record<string, number> = {
  event: limits.eventBytes,
  transaction: limits.eventBytes,
  client_report: limits.clientReportBytes,
  check_in: limits.checkInBytes,
};

function tooLarge(what: string, max: number): StatusError {
  return new StatusError(413, `The ${what} is larger than the limit of ${max} bytes.`);
}

function stringHeader(headers: JsonObject, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Parses, normalises and groups an error event: all the work that needs no database. */
export function processEvent(raw: JsonObject, context: ProcessContext, eventId?: string) {
  const event = normalizeEvent(raw, {
    receivedAt: context.receivedAt,
    ...(eventId ? { eventId } : {}),
    ...(context.clientIp ? { clientIp: context.clientIp } : {}),
    ...(context.sentAt !== undefined ? { sentAt: context.sentAt } : {}),
  });
  const grouping = groupEvent(event.data);
  return { event, grouping, payload: JSON.stringify(event.data) };
}

function rawItem(item: EnvelopeItem, eventId: string | null): RawItemWrite {
  return {
    type: item.type,
    eventId,
    headers: JSON.stringify(item.headers),
    payload: item.payload,
  };
}

/**
 * Turns a parsed envelope into the write it asks for. The one event item is normalised and
 * grouped here, outside the write; every other item, known or not, is kept as sent.
 */
export function processEnvelope(
  envelope: Envelope,
  target: Target,
  context: ProcessContext,
): Processed {
  const envelopeEventId = stringHeader(envelope.headers, 'event_id');
  const sentAt = Date.parse(stringHeader(envelope.headers, 'sent_at') ?? '');
  if (!Number.isNaN(sentAt)) context = { ...context, sentAt };
  const job: WriteJob = { ...target, items: [] };
  let sessions = 0;
  for (const item of envelope.items) {
    const max = ITEM_LIMITS[item.type];
    if (max !== undefined && item.payload.length > max) throw tooLarge(`${item.type} item`, max);
    if (EVENT_TYPES.has(item.type)) {
      if (job.event) throw new StatusError(400, 'The envelope has more than one event item.');
      const raw = parseJsonObject(item.payload, 'event item');
      job.event = processEvent(raw, context, envelopeEventId ?? undefined);
      continue;
    }
    if (item.type === 'session' || item.type === 'sessions') {
      sessions += 1;
      if (sessions > limits.sessionsPerEnvelope) continue;
    }
    job.items.push(rawItem(item, envelopeEventId));
  }
  return { job, responseId: job.event?.event.eventId ?? envelopeEventId };
}

/** The body of the legacy /store/ endpoint: one event. */
export function processStoreEvent(
  raw: JsonObject,
  target: Target,
  context: ProcessContext,
): Processed {
  const event = processEvent(raw, context);
  return { job: { ...target, event, items: [] }, responseId: event.event.eventId };
}
