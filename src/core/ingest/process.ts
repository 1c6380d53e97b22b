import { StatusError } from '../errors.js';
import type { EventWrite, RawItemWrite } from '../store/write-types.js';
import { parseJsonObject } from './envelope.js';
import { encodeEventPayload } from '../store/payload-codec.js';
import { groupEvent } from './grouping/index.js';
import { limits } from './limits.js';
import { normalizeEvent } from './normalize.js';
import type { Envelope, EnvelopeItem, JsonObject } from './types.js';

export interface ProcessContext {
  receivedAt: number;
  clientIp?: string;
  /** The envelope's `sent_at`, epoch milliseconds: corrects a wrong SDK clock. */
  sentAt?: number;
}

/** What a request asks to store, before it is known for which project. */
export interface Processed {
  event?: EventWrite;
  items: RawItemWrite[];
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

/**
 * Reads, normalises and groups an error event (`what` names it in errors): all the work that
 * needs no database. The payload leaves here as it is stored, the event as sent with what
 * normalisation changed; the objects stay behind.
 */
export function processEvent(
  sent: Buffer,
  what: string,
  context: ProcessContext,
  eventId?: string,
): EventWrite {
  // The tags stay in the payload: only what the write uses crosses the threads.
  const { data, patch, tags, ...event } = normalizeEvent(parseJsonObject(sent, what), {
    receivedAt: context.receivedAt,
    ...(eventId ? { eventId } : {}),
    ...(context.clientIp ? { clientIp: context.clientIp } : {}),
    ...(context.sentAt !== undefined ? { sentAt: context.sentAt } : {}),
  });
  return { event, grouping: groupEvent(data), payload: encodeEventPayload(patch, sent) };
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
export function processEnvelope(envelope: Envelope, context: ProcessContext): Processed {
  const envelopeEventId = stringHeader(envelope.headers, 'event_id');
  const sentAt = Date.parse(stringHeader(envelope.headers, 'sent_at') ?? '');
  if (!Number.isNaN(sentAt)) context = { ...context, sentAt };
  const processed: Processed = { items: [], responseId: envelopeEventId };
  let sessions = 0;
  for (const item of envelope.items) {
    const max = ITEM_LIMITS[item.type];
    if (max !== undefined && item.payload.length > max) throw tooLarge(`${item.type} item`, max);
    if (EVENT_TYPES.has(item.type)) {
      if (processed.event) throw new StatusError(400, 'The envelope has more than one event item.');
      processed.event = processEvent(
        item.payload,
        'event item',
        context,
        envelopeEventId ?? undefined,
      );
      processed.responseId = processed.event.event.eventId;
      continue;
    }
    if (item.type === 'session' || item.type === 'sessions') {
      sessions += 1;
      if (sessions > limits.sessionsPerEnvelope) continue;
    }
    processed.items.push(rawItem(item, envelopeEventId));
  }
  return processed;
}

/** The body of the legacy /store/ endpoint: one event. */
export function processStoreEvent(sent: Buffer, context: ProcessContext): Processed {
  const event = processEvent(sent, 'event', context);
  return { event, items: [], responseId: event.event.eventId };
}
