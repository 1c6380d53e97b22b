/** One item of a parsed envelope: its header line and its raw payload bytes. */
export interface EnvelopeItem {
  headers: Record<string, unknown>;
  type: string;
  payload: Buffer;
}

export interface Envelope {
  headers: Record<string, unknown>;
  items: EnvelopeItem[];
}

import type { EventPatch } from './event-patch.js';

/** A JSON object as it came from an SDK: nothing in it is trusted yet. */
export type JsonObject = Record<string, unknown>;

/** An error or default event after normalisation (spec §1.3, §4.1), ready to be grouped and stored. */
export interface NormalizedEvent {
  eventId: string;
  /** The normalised payload, as it is shown. */
  data: JsonObject;
  /** What normalisation changed: the store keeps the event as sent and this. */
  patch: EventPatch;
  /** '' when the event has none ("(No Environment)"). */
  environment: string;
  level: 'debug' | 'info' | 'warning' | 'error' | 'fatal';
  release: string | null;
  /** Event time, epoch milliseconds. */
  timestamp: number;
  receivedAt: number;
  platform: string;
  /** Sentry's `user` tag value (`id:…`, `email:…`, `username:…`, `ip:…`), or null. */
  userTag: string | null;
  tags: [string, string][];
}

/** What grouping (spec §4.2) derives from a normalised event. */
export interface Grouping {
  /** Every hash the event carries, most specific first; an event joins the first issue owning any. */
  hashes: string[];
  title: string;
  culprit: string;
  /** The issue type Sentry shows: 'error' for exceptions, 'default' otherwise. */
  type: 'error' | 'default';
  metadata: JsonObject;
}
